// One SIP dialog: ID, route set, remote target, CSeq spaces, in-dialog requests (RFC 3261 §12).
namespace Phone.Core.Sip.Dialogs
{
    /// <summary>
    /// Dialog state kept by a UA (RFC 3261 §12.1.1/§12.1.2). Values are copied out of the message that creates the
    /// dialog as strings: a dialog is created once per call, not per packet, so the copies are not on a hot path.
    /// </summary>
    public sealed class Dialog
    {
        /// <summary>Largest route set kept; longer Record-Route lists are refused (the call then fails cleanly).</summary>
        public const int MaxRoutes = 8;

        // The route set, exactly as long as it is; null when empty (most dialogs): a call holds several dialog slots
        // for forking and an idle one should not hold a table.
        private string[] _routes;

        // State (bits 0-7), IsUac (bit 8), HasRemoteCSeq (bit 9) and the route count (bits 16-23) in one field:
        // nanoCLR holds every field of an object in a 12-byte block whatever its type.
        private int _flags;

        private const int UacBit = 0x100;
        private const int RemoteCSeqBit = 0x200;

        /// <summary>Current state.</summary>
        public DialogState State
        {
            get { return (DialogState)(_flags & 0xFF); }
            set { _flags = (_flags & ~0xFF) | (int)value; }
        }

        /// <summary>True when we sent the request that created the dialog.</summary>
        public bool IsUac
        {
            get { return (_flags & UacBit) != 0; }
            set { _flags = value ? _flags | UacBit : _flags & ~UacBit; }
        }

        /// <summary>Call-ID (part of the dialog ID).</summary>
        public string CallId;

        /// <summary>Our tag (part of the dialog ID).</summary>
        public string LocalTag;

        /// <summary>The peer's tag (part of the dialog ID).</summary>
        public string RemoteTag;

        /// <summary>Our From/To header value, with our tag.</summary>
        public string LocalHeader;

        /// <summary>The peer's From/To header value, with its tag.</summary>
        public string RemoteHeader;

        /// <summary>Request-URI of in-dialog requests: the peer's Contact (RFC 3261 §12.1.1/§12.1.2).</summary>
        public string RemoteTarget;

        /// <summary>Our last CSeq number; in-dialog requests use the next one.</summary>
        public uint LocalCSeq;

        /// <summary>The peer's last CSeq number (valid when <see cref="HasRemoteCSeq"/>).</summary>
        public uint RemoteCSeq;

        /// <summary>False until the peer sent a request in this dialog (RFC 3261 §12.1.2: "empty").</summary>
        public bool HasRemoteCSeq
        {
            get { return (_flags & RemoteCSeqBit) != 0; }
            set { _flags = value ? _flags | RemoteCSeqBit : _flags & ~RemoteCSeqBit; }
        }

        /// <summary>Owner (the call) for lookups through the table.</summary>
        public object Owner;

        /// <summary>Number of entries in the route set.</summary>
        public int RouteCount
        {
            get { return (_flags >> 16) & 0xFF; }
            private set { _flags = (_flags & 0xFFFF) | (value << 16); }
        }

        /// <summary>Route set entry n (a name-addr as received, e.g. "&lt;sip:p1;lr&gt;"); null past the last.</summary>
        public string Route(int n) => n < RouteCount ? _routes[n] : null;

        /// <summary>Clears the slot.</summary>
        public void Reset()
        {
            State = DialogState.Free;
            IsUac = false;
            CallId = LocalTag = RemoteTag = LocalHeader = RemoteHeader = RemoteTarget = null;
            LocalCSeq = RemoteCSeq = 0;
            HasRemoteCSeq = false;
            Owner = null;
            _routes = null;
            RouteCount = 0;
        }

        /// <summary>
        /// UAC side (RFC 3261 §12.1.2) from a 1xx with a To tag or a 2xx to our request: route set = Record-Route
        /// reversed, remote target = Contact, local CSeq = the request's. False when the response lacks a To tag.
        /// </summary>
        public bool InitUac(SipMessage response, string localHeader, string localTag, uint localCSeq)
        {
            if (!response.To.Tag.IsPresent) return false;
            IsUac = true;
            CallId = response.GetString(response.CallId);
            LocalTag = localTag;
            LocalHeader = localHeader;
            RemoteTag = response.GetString(response.To.Tag);
            RemoteHeader = response.GetString(response.To.Whole);
            LocalCSeq = localCSeq;
            HasRemoteCSeq = false;
            if (!LoadRoutes(response, true)) return false;
            if (response.ContactCount > 0) RemoteTarget = response.GetString(response.Contact.Uri.Whole);
            State = response.StatusCode >= 200 ? DialogState.Confirmed : DialogState.Early;
            return true;
        }

        /// <summary>
        /// UAS side (RFC 3261 §12.1.1) from a received dialog-creating request: route set = Record-Route in order,
        /// remote target = Contact, remote CSeq = the request's; our local CSeq starts at 0 (the next request uses 1).
        /// </summary>
        public bool InitUas(SipMessage request, string localTag, bool confirmed)
        {
            IsUac = false;
            CallId = request.GetString(request.CallId);
            LocalTag = localTag;
            LocalHeader = request.GetString(request.To.Whole) + ";tag=" + localTag;
            RemoteTag = request.From.Tag.IsPresent ? request.GetString(request.From.Tag) : "";
            RemoteHeader = request.GetString(request.From.Whole);
            RemoteCSeq = request.CSeqNumber;
            HasRemoteCSeq = true;
            LocalCSeq = 0;
            if (!LoadRoutes(request, false)) return false;
            RemoteTarget = request.ContactCount > 0 ? request.GetString(request.Contact.Uri.Whole) : null;
            State = confirmed ? DialogState.Confirmed : DialogState.Early;
            return true;
        }

        /// <summary>
        /// A 2xx confirms an early dialog; a Contact in a 2xx or in a re-INVITE/UPDATE replaces the remote target
        /// (target refresh, RFC 3261 §12.2.1.2 / §12.2.2). The route set is not changed after creation.
        /// </summary>
        public void Refresh(SipMessage message)
        {
            if (message.ContactCount > 0 && !message.Contact.IsStar) RemoteTarget = message.GetString(message.Contact.Uri.Whole);
            if (!message.IsRequest && message.StatusCode >= 200 && message.StatusCode < 300) State = DialogState.Confirmed;
        }

        /// <summary>
        /// Checks the CSeq of an in-dialog request (RFC 3261 §12.2.2): a lower number than the last one is out of
        /// order (the caller answers 500); otherwise the remote CSeq advances. ACK and CANCEL reuse the INVITE's number.
        /// </summary>
        public bool AcceptRemoteCSeq(SipMessage request)
        {
            if (request.Method == SipMethod.Ack || request.Method == SipMethod.Cancel) return true;
            if (HasRemoteCSeq && request.CSeqNumber <= RemoteCSeq) return false;
            RemoteCSeq = request.CSeqNumber;
            HasRemoteCSeq = true;
            return true;
        }

        /// <summary>
        /// True when a message belongs to this dialog (RFC 3261 §12.2.2 for requests, §12.2.1.2 for responses):
        /// same Call-ID, and our tag and the peer's tag in the right header for its direction.
        /// </summary>
        public bool Matches(SipMessage message)
        {
            if (State == DialogState.Free || CallId == null) return false;
            if (!message.SliceEquals(message.CallId, CallId)) return false;
            SipNameAddr ours = message.IsRequest ? message.To : message.From;
            SipNameAddr theirs = message.IsRequest ? message.From : message.To;
            if (!ours.Tag.IsPresent || !message.SliceEquals(ours.Tag, LocalTag)) return false;
            // An early UAC dialog of a forked INVITE: the remote tag decides which branch (RFC 3261 §12.1.2).
            if (RemoteTag == null || RemoteTag.Length == 0) return !theirs.Tag.IsPresent;
            return theirs.Tag.IsPresent && message.SliceEquals(theirs.Tag, RemoteTag);
        }

        /// <summary>
        /// Writes the start line and dialog headers of an in-dialog request (RFC 3261 §12.2.1.1): Request-URI, Via,
        /// Max-Forwards, From, To, Call-ID, CSeq and Route. Loose routing (first route with ;lr): Request-URI =
        /// remote target, Route = route set. Strict routing: Request-URI = first route's URI, Route = the rest
        /// followed by the remote target. The caller adds Contact, other headers and ends the message.
        /// </summary>
        public void WriteRequest(SipWriter w, SipMethod method, uint cseq, string viaHost, int viaPort, byte[] branch, int branchLength)
        {
            bool strict = RouteCount > 0 && !IsLooseRoute(_routes[0]);
            w.WriteRequestLine(method, strict ? UriOf(_routes[0]) : RemoteTarget);
            w.WriteVia("UDP", viaHost, viaPort, branch, 0, branchLength, true);
            w.WriteMaxForwards(70);
            w.WriteHeader(SipHeaderId.From, LocalHeader);
            w.WriteHeader(SipHeaderId.To, RemoteHeader);
            w.WriteHeader(SipHeaderId.CallId, CallId);
            w.WriteCSeq(cseq, method);
            for (int i = strict ? 1 : 0; i < RouteCount; i++) w.WriteHeader(SipHeaderId.Route, _routes[i]);
            if (strict) w.WriteHeader(SipHeaderId.Route, "<" + RemoteTarget + ">");
        }

        /// <summary>The URI inside a name-addr ("&lt;sip:x;lr&gt;" gives "sip:x;lr"); a bare URI is returned as is.</summary>
        public static string UriOf(string nameAddr)
        {
            int lt = nameAddr.IndexOf('<');
            if (lt < 0) return nameAddr;
            int gt = nameAddr.IndexOf('>', lt + 1);
            return gt < 0 ? nameAddr.Substring(lt + 1) : nameAddr.Substring(lt + 1, gt - lt - 1);
        }

        /// <summary>True when the route's URI carries the lr parameter (RFC 3261 §16.12.1.1 loose routing).</summary>
        public static bool IsLooseRoute(string nameAddr)
        {
            string uri = UriOf(nameAddr);
            int n = uri.Length;
            for (int i = 0; i + 2 < n; i++)
            {
                if (uri[i] == ';' && (uri[i + 1] == 'l' || uri[i + 1] == 'L') && (uri[i + 2] == 'r' || uri[i + 2] == 'R')
                    && (i + 3 == n || uri[i + 3] == ';' || uri[i + 3] == '=' || uri[i + 3] == '?')) return true;
            }
            return false;
        }

        private bool LoadRoutes(SipMessage message, bool reverse)
        {
            RouteCount = 0;
            int n = 0;
            SipNameAddr na;
            while (message.TryGetNameAddr(SipHeaderId.RecordRoute, n, out na)) n++;
            if (n > MaxRoutes) return false;
            _routes = n == 0 ? null : new string[n];
            for (int i = 0; i < n; i++)
            {
                message.TryGetNameAddr(SipHeaderId.RecordRoute, reverse ? n - 1 - i : i, out na);
                _routes[i] = message.GetString(na.Whole);
            }
            RouteCount = n;
            return true;
        }
    }
}
