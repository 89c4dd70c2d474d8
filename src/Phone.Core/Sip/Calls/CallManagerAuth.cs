// In-dialog requests challenged 401/407 (RFC 3261 §22.2/§22.3 with §12.2.1.1): resent with credentials, CSeq + 1.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Auth;
    using Phone.Core.Sip.Transactions;

    /// <summary>Digest answers to challenges of in-dialog requests (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
        // A server that keeps answering stale=true must not make us loop: at most this many resends per call.
        private const int MaxInDialogAuthRetries = 3;


        // Request-URI of a challenged re-INVITE while SetHold writes it again (null otherwise).
        private string _reInviteAuthUri;

        /// <summary>
        /// Called by OnResponse for every response to a request of <paramref name="call"/>: a 401/407 to an in-dialog
        /// request is answered with credentials (true: nothing else to do with it); another final response ends the
        /// run of challenges, and a 2xx after one tells the digest client the credentials work.
        /// </summary>
        private bool OnInDialogChallenge(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            int code = resp.StatusCode;
            if (code == 401 || code == 407) return RetryInDialogWithCredentials(call, tx, resp, nowMs);
            if (code >= 200 && call.InDialogAuthRetries > 0)
            {
                if (code < 300 && Digest != null) Digest.OnSuccess();
                call.InDialogAuthRetries = 0;
            }
            return false;
        }

        /// <summary>
        /// Called by OnInDialogChallenge for a 401/407 to a request of <paramref name="call"/>. PBXs such as Asterisk and FreeSWITCH
        /// challenge in-dialog REFER, BYE, re-INVITE, UPDATE and NOTIFY, not just the first INVITE. The request is written
        /// again from the transaction's copy with a new branch, the next CSeq of the dialog (RFC 3261 §12.2.1.1: same
        /// Call-ID and tags) and an Authorization / Proxy-Authorization for every challenge held. Once per challenge: a
        /// request that already carried credentials is resent again only when the new challenge says stale=true (RFC 2617
        /// §3.2.1, RFC 7616 §3.3); otherwise the credentials were refused and the caller's failure handling runs (a REFER's
        /// transfer ends Failed with the 401/407). True when the request was resent (the challenge is consumed).
        /// </summary>
        private bool RetryInDialogWithCredentials(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            SipMethod method = tx.Method;
            if (Digest == null || call.Dialog == null || method == SipMethod.Cancel || method == SipMethod.Ack) return false;
            // The first INVITE (no dialog yet, or its early dialog) has its own path: RetryWithCredentials.
            if (method == SipMethod.Invite && !(call.ReInviteInProgress && tx == call.InviteClient)) return false;
            // A challenged INVITE transaction holds the ACK it sent for the 401/407 by now (same Request-URI, no
            // credentials): the re-INVITE is written again by SetHold; other requests are copied from their transaction.
            bool invite = method == SipMethod.Invite;
            SipMessage orig = Reparse(tx.Message, tx.MessageLength);
            if (orig == null) return false;
            bool proxy = resp.StatusCode == 407;
            bool answered = invite ? call.ReInviteHadCredentials
                : orig.FindHeader(SipHeaderId.Authorization, -1) >= 0 || orig.FindHeader(SipHeaderId.ProxyAuthorization, -1) >= 0;
            SipHeaderId id = proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate;
            int n = 0;
            bool stale = false;
            // Built per 401/407 (a rare answer), not held for the uptime: 144 B on nanoCLR.
            DigestChallenge staleProbe = null;
            for (int i = resp.FindHeader(id, -1); i >= 0 && n < _challenges.Length; i = resp.FindHeader(id, i))
            {
                _challenges[n] = resp.GetHeaderString(i);
                if (staleProbe == null) staleProbe = new DigestChallenge();
                if (DigestChallenge.TryParse(_challenges[n], staleProbe) && staleProbe.Stale) stale = true;
                n++;
            }
            DigestOutcome outcome = n == 0 ? DigestOutcome.Malformed : Digest.OnChallenge(_challenges, n, proxy);
            for (int i = 0; i < n; i++) _challenges[i] = null;
            if (outcome != DigestOutcome.Retry || (answered && !stale) || call.InDialogAuthRetries >= MaxInDialogAuthRetries)
            {
                Stats.InDialogAuthFailures++;
                return false;
            }
            if (invite) return ResendReInvite(call, orig.GetString(orig.RequestUri.Whole), nowMs);

            string uri = orig.GetString(orig.RequestUri.Whole);
            string methodName = SipMethods.Name(method);
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteRequestLine(method, uri);
            _w.WriteVia("UDP", _host, _config.LocalSipPort, _branch, 0, _ids.WriteBranch(_branch, 0), true);
            for (int i = 0; i < orig.HeaderCount; i++)
            {
                SipHeaderId h = orig.GetHeaderId(i);
                if (h == SipHeaderId.Via || h == SipHeaderId.Authorization || h == SipHeaderId.ProxyAuthorization
                    || h == SipHeaderId.ContentLength || h == SipHeaderId.ContentType) continue;
                if (h == SipHeaderId.CSeq)
                {
                    _w.WriteCSeq(cseq, method);
                    continue;
                }
                _w.Append(orig.Buffer, orig.GetHeaderName(i));
                _w.Append(": ");
                _w.Append(orig.Buffer, orig.GetHeaderValue(i));
                _w.AppendCrLf();
            }
            SipSlice body = orig.Body;
            WriteAuthorizationHeaders(methodName, uri, orig.Buffer, body.Start < 0 ? 0 : body.Start, body.Length);
            if (body.Length > 0) _w.EndWithBody(orig.GetString(orig.ContentType), orig.Buffer, body.Start, body.Length);
            else _w.EndWithoutBody();
            ClientTransaction next = _w.Overflow ? null : Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs);
            if (next == null)
            {
                Stats.SendFailures++;
                return false;
            }
            call.InDialogAuthRetries++;
            Stats.InDialogAuthRetries++;
            // The new transaction takes the place of the challenged one wherever it was remembered.
            if (method == SipMethod.Update && call.SessionTimer.UpdateClient == tx) call.SessionTimer.UpdateClient = next;
            else if (method == SipMethod.Refer && !call.Transfer.IsTransferee && call.Transfer.ReferCSeq == tx.CSeq)
            {
                // The NOTIFYs of the implicit subscription carry id = the CSeq of the REFER that was accepted (RFC 3515 §2.4.6).
                call.Transfer.ReferCSeq = cseq;
            }
            return true;
        }

        /// <summary>The challenged re-INVITE again, CSeq + 1, same direction and session timer, with credentials.</summary>
        private bool ResendReInvite(Call call, string uri, long nowMs)
        {
            call.ReInviteInProgress = false;
            _reInviteAuthUri = uri;
            bool sent = SetHold(call, call.LocalHold, nowMs);
            _reInviteAuthUri = null;
            if (!sent)
            {
                // Nothing went out: the re-INVITE ends as refused (the caller undoes the hold change).
                call.ReInviteInProgress = true;
                call.ReInviteHadCredentials = false;
                return false;
            }
            call.InDialogAuthRetries++;
            Stats.InDialogAuthRetries++;
            return true;
        }

        /// <summary>Called by SetHold after the re-INVITE's headers: credentials when it answers a challenge.</summary>
        private void WriteReInviteAuthorization(Call call)
        {
            call.ReInviteHadCredentials = _reInviteAuthUri != null;
            // The SDP follows the headers: qop=auth-int challenges are answered as auth-int over an empty body.
            if (_reInviteAuthUri != null) WriteAuthorizationHeaders("INVITE", _reInviteAuthUri, null, 0, 0);
        }

        /// <summary>Authorization / Proxy-Authorization for every challenge the digest client holds (RFC 3261 §22.3).</summary>
        private void WriteAuthorizationHeaders(string method, string uri, byte[] body, int bodyOffset, int bodyCount)
        {
            for (int i = 0; i < Digest.Count; i++)
            {
                _authWriter.Reset(_auth, 0, _auth.Length);
                if (!Digest.WriteAuthorization(i, method, uri, body, bodyOffset, bodyCount, _authWriter) || _authWriter.Overflow) continue;
                _w.BeginHeader(Digest.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                _w.Append(_auth, 0, _authWriter.Length);
                _w.EndHeader();
            }
        }
    }
}
