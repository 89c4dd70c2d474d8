// 3xx redirects as UAC (RFC 3261 §8.1.3.4, q-values §20.10): Contacts tried in q order, each URI once, a bounded number of times.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;

    /// <summary>Redirect target set of a call (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
        /// <summary>New INVITEs one call may send because of redirects (loops through redirect servers end here).</summary>
        public const int MaxRedirects = 3;

        /// <summary>
        /// Called by OnInviteResponse for a final failure of our INVITE (after 401/407/422 handling). A 3xx adds its Contacts
        /// to the call's target set — highest q first, the response's order among equal q, URIs already tried (the
        /// original one included) or already listed left out, so A → B → A redirect loops stop. Then, and also after a
        /// 4xx/5xx from a redirected target, the next target gets a new INVITE (same Call-ID, From tag and To, CSeq + 1;
        /// §8.1.3.4: "try each of the contact addresses in order"). A 6xx is a global refusal: nothing more is tried.
        /// True when a new INVITE went out.
        /// </summary>
        private bool TryRedirect(Call call, SipMessage resp, long nowMs)
        {
            int code = resp.StatusCode;
            if (code < 300 || code >= 600 || call.State == CallState.Terminating) return false;
            // Only a 3xx starts a target set; a 4xx/5xx matters only to a call already redirected.
            if (call.Redirect == null)
            {
                if (code >= 400) return false;
                call.Redirect = new CallRedirect();
            }
            CallRedirect r = call.Redirect;
            if (r.Tried == 0) RememberTried(call, call.RequestUri);
            if (code < 400) AddRedirectTargets(call, resp);
            while (r.Count > 0 && r.Sent < MaxRedirects)
            {
                string target = r.Targets[0];
                for (int i = 1; i < r.Count; i++)
                {
                    r.Targets[i - 1] = r.Targets[i];
                    r.Q[i - 1] = r.Q[i];
                }
                r.Targets[--r.Count] = null;
                NetEndPoint hop;
                if (!ResolveHop(target, out hop)) continue;
                RememberTried(call, target);
                r.Sent++;
                Stats.Redirects++;
                // The early dialogs of the failed INVITE end with its final response (§12.3).
                ReleaseDialogs(call, null);
                call.Dialog = null;
                call.RequestUri = target;
                call.Peer = hop;
                call.InviteCSeq++;
                if (SendInitialInvite(call, nowMs)) return true;
            }
            return false;
        }

        private void AddRedirectTargets(Call call, SipMessage resp)
        {
            SipNameAddr contact;
            for (int n = 0; resp.TryGetNameAddr(SipHeaderId.Contact, n, out contact); n++)
            {
                if (contact.IsStar || (contact.Uri.Scheme != SipUriScheme.Sip && contact.Uri.Scheme != SipUriScheme.Sips)) continue;
                string uri = resp.GetString(contact.Uri.Whole);
                if (uri == null || WasTried(call, uri) || IsListed(call, uri)) continue;
                SipSlice qs;
                int q = contact.TryGetParameter(resp.Buffer, "q", out qs) ? ParseQ(resp.Buffer, qs) : 1000;
                if (q < 0)
                {
                    Stats.RedirectTargetsIgnored++;
                    continue;
                }
                // Insert after every target of higher or equal q (stable: the response's order among equals).
                int at = call.Redirect.Count;
                while (at > 0 && call.Redirect.Q[at - 1] < q) at--;
                if (at >= call.Redirect.Targets.Length)
                {
                    Stats.RedirectTargetsIgnored++;
                    continue;
                }
                int last = call.Redirect.Count < call.Redirect.Targets.Length ? call.Redirect.Count : call.Redirect.Targets.Length - 1;
                if (call.Redirect.Count == call.Redirect.Targets.Length) Stats.RedirectTargetsIgnored++;   // the lowest falls off
                for (int i = last; i > at; i--)
                {
                    call.Redirect.Targets[i] = call.Redirect.Targets[i - 1];
                    call.Redirect.Q[i] = call.Redirect.Q[i - 1];
                }
                call.Redirect.Targets[at] = uri;
                call.Redirect.Q[at] = q;
                if (call.Redirect.Count < call.Redirect.Targets.Length) call.Redirect.Count++;
            }
        }

        /// <summary>q = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 §25.1) in thousandths; -1 when malformed.</summary>
        private static int ParseQ(byte[] buf, SipSlice s)
        {
            if (s.Length < 1 || s.Length > 5) return -1;
            int whole = buf[s.Start] - '0';
            if (whole < 0 || whole > 1) return -1;
            if (s.Length == 1) return whole * 1000;
            if (buf[s.Start + 1] != (byte)'.') return -1;
            int v = 0, scale = 100;
            for (int i = s.Start + 2; i < s.Start + s.Length; i++)
            {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) return -1;
                v += d * scale;
                scale /= 10;
            }
            return whole == 1 ? (v == 0 ? 1000 : -1) : v;
        }

        private static void RememberTried(Call call, string uri)
        {
            if (uri == null || call.Redirect.Tried >= call.Redirect.TriedUris.Length) return;
            call.Redirect.TriedUris[call.Redirect.Tried++] = uri;
        }

        private static bool WasTried(Call call, string uri)
        {
            for (int i = 0; i < call.Redirect.Tried; i++) if (SameUri(call.Redirect.TriedUris[i], uri)) return true;
            return false;
        }

        private static bool IsListed(Call call, string uri)
        {
            for (int i = 0; i < call.Redirect.Count; i++) if (SameUri(call.Redirect.Targets[i], uri)) return true;
            return false;
        }

        private static bool SameUri(string a, string b)
        {
            // Scheme and host are case-insensitive (RFC 3261 §19.1.4); a plain ASCII fold is enough to catch loops.
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                char x = a[i], y = b[i];
                if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
                if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
                if (x != y) return false;
            }
            return true;
        }
    }
}
