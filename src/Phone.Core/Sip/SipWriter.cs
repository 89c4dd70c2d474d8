// Writes SIP messages into a caller-owned buffer: start lines, headers, bodies (RFC 3261 §7, §8.1.1, §8.2.6, §20).
namespace Phone.Core.Sip
{
    /// <summary>
    /// A write cursor over a caller-owned byte[]. Every append is bounds-checked: when the buffer is full the write
    /// is dropped and <see cref="Overflow"/> is set, so one check after building is enough and nothing throws.
    /// Strings are written as UTF-8 (ASCII in practice); values are not escaped, so callers pass valid SIP text.
    /// Output has no optional whitespace: "Name: value" CRLF. With <see cref="UseCompactForm"/> header names use their
    /// compact form (RFC 3261 §7.3.3, useful when a UDP request nears the MTU, §18.1.1).
    /// </summary>
    public sealed class SipWriter
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string VersionLineEnd = " SIP/2.0\r\n";
        private static readonly string StatusLinePrefix = "SIP/2.0 ";
        private static readonly string ViaVersionPrefix = "SIP/2.0/";
        private static readonly string RportParam = ";rport";
        private static readonly string BranchParam = ";branch=";
        private static readonly string TagParam = ";tag=";
        private static readonly string ExpiresParam = ";expires=";

        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _pos;
        private int _contentLengthField = -1;
        private int _bodyStart = -1;

        /// <summary>Width reserved for a Content-Length value written before the body is known.</summary>
        public const int ContentLengthWidth = 6;

        /// <summary>True when a write did not fit; the message is then incomplete and must not be sent.</summary>
        public bool Overflow;

        /// <summary>Write compact header names (v, f, t, i, m, l, c, k …).</summary>
        public bool UseCompactForm;

        /// <summary>Creates a writer over a whole buffer.</summary>
        public SipWriter(byte[] buffer) => Reset(buffer, 0, buffer.Length);

        /// <summary>Creates a writer over buffer[offset..offset+capacity).</summary>
        public SipWriter(byte[] buffer, int offset, int capacity) => Reset(buffer, offset, capacity);

        /// <summary>Starts a new message over buffer[offset..offset+capacity).</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _end = offset + capacity;
            _pos = offset;
            Overflow = false;
            _contentLengthField = -1;
            _bodyStart = -1;
        }

        /// <summary>Starts a new message over the same buffer region.</summary>
        public void Reset() => Reset(_buffer, _start, _end - _start);

        /// <summary>The buffer being written.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Offset of the message in <see cref="Buffer"/>.</summary>
        public int Offset => _start;

        /// <summary>Current write position (absolute offset in the buffer).</summary>
        public int Position => _pos;

        /// <summary>Bytes written so far.</summary>
        public int Length => _pos - _start;

        // ---- primitives -------------------------------------------------------------------------------------

        /// <summary>Appends one byte.</summary>
        [HotPath]
        public void Append(byte b)
        {
            if (_pos >= _end)
            {
                Overflow = true;
                return;
            }
            _buffer[_pos++] = b;
        }

        /// <summary>Appends a string as UTF-8.</summary>
        [HotPath]
        public void Append(string text)
        {
            if (text == null) return;
            for (int i = 0; i < text.Length; i++) i = AppendChar(text, i);
        }

        // Writes text[i] (and its low surrogate) as UTF-8; returns the index of the last char consumed.
        [HotPath]
        private int AppendChar(string text, int i)
        {
            int c = text[i];
            if (c < 0x80)
            {
                Append((byte)c);
            }
            else if (c < 0x800)
            {
                Append((byte)(0xC0 | (c >> 6)));
                Append((byte)(0x80 | (c & 0x3F)));
            }
            else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                Append((byte)(0xF0 | (cp >> 18)));
                Append((byte)(0x80 | ((cp >> 12) & 0x3F)));
                Append((byte)(0x80 | ((cp >> 6) & 0x3F)));
                Append((byte)(0x80 | (cp & 0x3F)));
            }
            else
            {
                Append((byte)(0xE0 | (c >> 12)));
                Append((byte)(0x80 | ((c >> 6) & 0x3F)));
                Append((byte)(0x80 | (c & 0x3F)));
            }
            return i;
        }

        /// <summary>Appends bytes.</summary>
        [HotPath]
        public void Append(byte[] src, int offset, int count)
        {
            if (src == null || count <= 0) return;
            if (_pos + count > _end)
            {
                Overflow = true;
                return;
            }
            System.Array.Copy(src, offset, _buffer, _pos, count);
            _pos += count;
        }

        /// <summary>Appends a slice of another buffer (e.g. a received message), joining folded lines with one SP.</summary>
        [HotPath]
        public void Append(byte[] src, SipSlice slice)
        {
            if (slice.Start < 0 || slice.Length <= 0) return;
            int n = SipText.CopyUnfolded(src, slice.Start, slice.Length, _buffer, _pos, _end);
            if (n < 0)
            {
                Overflow = true;
                return;
            }
            _pos += n;
        }

        /// <summary>Appends a non-negative decimal integer.</summary>
        [HotPath]
        public void AppendInt(int value)
        {
            if (value < 0)
            {
                Append((byte)'-');
                AppendUInt((uint)(-(long)value));
                return;
            }
            AppendUInt((uint)value);
        }

        /// <summary>Appends an unsigned decimal integer.</summary>
        [HotPath]
        public void AppendUInt(uint value)
        {
            int digits = 1;
            for (uint v = value; v >= 10; v /= 10) digits++;
            if (_pos + digits > _end)
            {
                Overflow = true;
                return;
            }
            for (int i = digits - 1; i >= 0; i--)
            {
                _buffer[_pos + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            _pos += digits;
        }

        /// <summary>Appends CRLF.</summary>
        [HotPath]
        public void AppendCrLf()
        {
            Append((byte)13);
            Append((byte)10);
        }

        /// <summary>Appends a quoted-string, escaping '"' and '\' (RFC 3261 §25.1 quoted-pair).</summary>
        [HotPath]
        public void AppendQuoted(string text)
        {
            Append((byte)'"');
            if (text != null)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c == '"' || c == '\\') Append((byte)'\\');
                    i = AppendChar(text, i);
                }
            }
            Append((byte)'"');
        }

        // ---- lines and headers -----------------------------------------------------------------------------

        // A method or header name is copied from its literal in place (no string made per message).
        [HotPath]
        private void AppendMethod(SipMethod method) => Advance(SipMethods.WriteName(method, _buffer, _pos, _end));

        // Moves past a name a table wrote at _pos; one that did not fit overflows the message as Append would.
        [HotPath]
        private void Advance(int written)
        {
            if (written > _end - _pos)
            {
                _pos = _end;
                Overflow = true;
                return;
            }
            _pos += written;
        }

        /// <summary>Request-Line: "METHOD uri SIP/2.0" CRLF (RFC 3261 §7.1).</summary>
        [HotPath]
        public void WriteRequestLine(string method, string requestUri)
        {
            Append(method);
            Append((byte)' ');
            Append(requestUri);
            Append(VersionLineEnd);
        }

        /// <summary>Request-Line with a known method.</summary>
        [HotPath]
        public void WriteRequestLine(SipMethod method, string requestUri)
        {
            AppendMethod(method);
            Append((byte)' ');
            Append(requestUri);
            Append(VersionLineEnd);
        }

        /// <summary>Request-Line whose URI is a slice of another buffer (e.g. a Contact or Record-Route of a received message).</summary>
        [HotPath]
        public void WriteRequestLine(SipMethod method, byte[] src, SipSlice requestUri)
        {
            AppendMethod(method);
            Append((byte)' ');
            Append(src, requestUri);
            Append(VersionLineEnd);
        }

        /// <summary>Status-Line: "SIP/2.0 code reason" CRLF (RFC 3261 §7.2).</summary>
        [HotPath]
        public void WriteStatusLine(int code, string reason)
        {
            Append(StatusLinePrefix);
            AppendInt(code);
            Append((byte)' ');
            Append(reason);
            AppendCrLf();
        }

        /// <summary>Starts a header line: "Name: " (compact name when <see cref="UseCompactForm"/>).</summary>
        [HotPath]
        public void BeginHeader(SipHeaderId id)
        {
            Advance(SipHeaders.WriteName(id, UseCompactForm, _buffer, _pos, _end));
            Append((byte)':');
            Append((byte)' ');
        }

        /// <summary>Starts an extension header line: "Name: ".</summary>
        [HotPath]
        public void BeginHeader(string name)
        {
            Append(name);
            Append((byte)':');
            Append((byte)' ');
        }

        /// <summary>Ends a header line (CRLF).</summary>
        [HotPath]
        public void EndHeader() => AppendCrLf();

        /// <summary>A whole header line with a text value.</summary>
        [HotPath]
        public void WriteHeader(SipHeaderId id, string value)
        {
            BeginHeader(id);
            Append(value);
            AppendCrLf();
        }

        /// <summary>A whole extension header line with a text value.</summary>
        [HotPath]
        public void WriteHeader(string name, string value)
        {
            BeginHeader(name);
            Append(value);
            AppendCrLf();
        }

        /// <summary>A whole header line whose value is a slice of another buffer (folded lines joined).</summary>
        [HotPath]
        public void WriteHeader(SipHeaderId id, byte[] src, SipSlice value)
        {
            BeginHeader(id);
            Append(src, value);
            AppendCrLf();
        }

        /// <summary>A whole header line with an unsigned integer value (Expires, Max-Forwards, RSeq …).</summary>
        [HotPath]
        public void WriteHeader(SipHeaderId id, uint value)
        {
            BeginHeader(id);
            AppendUInt(value);
            AppendCrLf();
        }

        /// <summary>
        /// Via: SIP/2.0/transport host[:port];rport;branch=… (RFC 3261 §8.1.1.7 magic cookie expected in branch;
        /// RFC 3581 rport asks the server to answer to the source port).
        /// </summary>
        [HotPath]
        public void WriteVia(string transport, string host, int port, byte[] branch, int branchOffset, int branchLength, bool rport)
        {
            BeginHeader(SipHeaderId.Via);
            Append(ViaVersionPrefix);
            Append(transport);
            Append((byte)' ');
            Append(host);
            if (port > 0)
            {
                Append((byte)':');
                AppendInt(port);
            }
            if (rport) Append(RportParam);
            Append(BranchParam);
            Append(branch, branchOffset, branchLength);
            AppendCrLf();
        }

        /// <summary>
        /// A From/To/Contact-style header: [quoted display name] &lt;uri&gt; [;tag=…]. tag may be null (tagLength 0).
        /// </summary>
        [HotPath]
        public void WriteNameAddr(SipHeaderId id, string displayName, string uri, byte[] tag, int tagOffset, int tagLength)
        {
            BeginHeader(id);
            if (displayName != null && displayName.Length > 0)
            {
                AppendQuoted(displayName);
                Append((byte)' ');
            }
            Append((byte)'<');
            Append(uri);
            Append((byte)'>');
            if (tag != null && tagLength > 0)
            {
                Append(TagParam);
                Append(tag, tagOffset, tagLength);
            }
            AppendCrLf();
        }

        /// <summary>Call-ID header from bytes (as produced by <see cref="SipIdGenerator"/>).</summary>
        [HotPath]
        public void WriteCallId(byte[] callId, int offset, int length)
        {
            BeginHeader(SipHeaderId.CallId);
            Append(callId, offset, length);
            AppendCrLf();
        }

        /// <summary>CSeq: number METHOD (RFC 3261 §20.16).</summary>
        [HotPath]
        public void WriteCSeq(uint number, SipMethod method)
        {
            BeginHeader(SipHeaderId.CSeq);
            AppendUInt(number);
            Append((byte)' ');
            AppendMethod(method);
            AppendCrLf();
        }

        /// <summary>Max-Forwards (70 is the RFC 3261 §8.1.1.6 recommendation).</summary>
        [HotPath]
        public void WriteMaxForwards(int hops)
        {
            BeginHeader(SipHeaderId.MaxForwards);
            AppendInt(hops);
            AppendCrLf();
        }

        /// <summary>Contact: &lt;uri&gt;[;expires=n] (expires &lt; 0: omitted).</summary>
        [HotPath]
        public void WriteContact(string uri, int expires)
        {
            BeginHeader(SipHeaderId.Contact);
            Append((byte)'<');
            Append(uri);
            Append((byte)'>');
            if (expires >= 0)
            {
                Append(ExpiresParam);
                AppendInt(expires);
            }
            AppendCrLf();
        }

        /// <summary>Ends the header section with Content-Length: 0 and the empty line; the message is complete.</summary>
        [HotPath]
        public void EndWithoutBody()
        {
            BeginHeader(SipHeaderId.ContentLength);
            Append((byte)'0');
            AppendCrLf();
            AppendCrLf();
        }

        /// <summary>Ends the header section with Content-Type (when not null), Content-Length and the body.</summary>
        [HotPath]
        public void EndWithBody(string contentType, byte[] body, int offset, int count)
        {
            if (contentType != null) WriteHeader(SipHeaderId.ContentType, contentType);
            BeginHeader(SipHeaderId.ContentLength);
            AppendInt(count);
            AppendCrLf();
            AppendCrLf();
            Append(body, offset, count);
        }

        /// <summary>
        /// Ends the header section for a body that will be written in place after it (e.g. an SDP writer writing at
        /// <see cref="Position"/>): Content-Type (when not null) and a Content-Length field padded to
        /// <see cref="ContentLengthWidth"/> digits. Call <see cref="EndBody"/> when the body is written.
        /// </summary>
        [HotPath]
        public void BeginBody(string contentType)
        {
            if (contentType != null) WriteHeader(SipHeaderId.ContentType, contentType);
            BeginHeader(SipHeaderId.ContentLength);
            _contentLengthField = _pos;
            for (int i = 0; i < ContentLengthWidth; i++) Append((byte)' ');
            AppendCrLf();
            AppendCrLf();
            _bodyStart = _pos;
        }

        /// <summary>
        /// Moves the cursor past bodyLength bytes written directly into <see cref="Buffer"/> at the body start and fills in
        /// Content-Length (right-aligned; the padding is SWS after the colon, RFC 3261 §7.3.1).
        /// </summary>
        [HotPath]
        public void EndBody(int bodyLength)
        {
            if (_contentLengthField < 0 || bodyLength < 0 || _bodyStart + bodyLength > _end || bodyLength > 999999)
            {
                Overflow = true;
                return;
            }
            _pos = _bodyStart + bodyLength;
            int p = _contentLengthField + ContentLengthWidth - 1;
            int v = bodyLength;
            do
            {
                _buffer[p--] = (byte)('0' + v % 10);
                v /= 10;
            }
            while (v > 0);
            _contentLengthField = -1;
        }

        /// <summary>Position where <see cref="BeginBody"/> expects the body (-1 before it).</summary>
        public int BodyStart => _bodyStart;

        // ---- requests derived from an INVITE ---------------------------------------------------------------

        /// <summary>
        /// CANCEL for a sent INVITE (RFC 3261 §9.1): same Request-URI, top Via (same branch), From, To, Call-ID and
        /// CSeq number with method CANCEL, Route headers copied, Max-Forwards 70. The caller ends it (EndWithoutBody).
        /// </summary>
        [HotPath]
        public void WriteCancel(SipMessage invite) => WriteInviteSibling(invite, SipMethod.Cancel, null);

        /// <summary>
        /// ACK for a non-2xx final response to a sent INVITE (RFC 3261 §17.1.1.3): like CANCEL, but the To header is
        /// taken from the response (it carries the UAS tag). The caller ends it (EndWithoutBody).
        /// </summary>
        [HotPath]
        public void WriteAckForNon2xx(SipMessage invite, SipMessage response) => WriteInviteSibling(invite, SipMethod.Ack, response);

        [HotPath]
        private void WriteInviteSibling(SipMessage invite, SipMethod method, SipMessage response)
        {
            byte[] src = invite.Buffer;
            WriteRequestLine(method, src, invite.RequestUri.Whole);
            WriteHeader(SipHeaderId.Via, src, invite.Via.Whole);
            WriteMaxForwards(70);
            WriteHeader(SipHeaderId.From, src, invite.From.Whole);
            if (response != null) WriteHeader(SipHeaderId.To, response.Buffer, response.To.Whole);
            else WriteHeader(SipHeaderId.To, src, invite.To.Whole);
            WriteHeader(SipHeaderId.CallId, src, invite.CallId);
            WriteCSeq(invite.CSeqNumber, method);
            for (int i = invite.FindHeader(SipHeaderId.Route, -1); i >= 0; i = invite.FindHeader(SipHeaderId.Route, i))
            {
                WriteHeader(SipHeaderId.Route, src, invite.GetHeaderValue(i));
            }
        }

        // ---- responses -------------------------------------------------------------------------------------

        /// <summary>
        /// Status line and the headers a UAS copies from the request (RFC 3261 §8.2.6.2): every Via in order, From,
        /// To, Call-ID, CSeq. When the request's To has no tag and code &gt; 100, toTag is added (null: none).
        /// With copyRecordRoute the request's Record-Route values are copied too (dialog-creating responses, §12.1.1).
        /// The caller then adds Contact etc. and ends with <see cref="EndWithoutBody"/> or a body.
        /// </summary>
        [HotPath]
        public void WriteResponseHeaders(SipMessage request, int code, string reason, byte[] toTag, int toTagOffset, int toTagLength, bool copyRecordRoute)
        {
            byte[] src = request.Buffer;
            WriteStatusLine(code, reason);
            for (int i = request.FindHeader(SipHeaderId.Via, -1); i >= 0; i = request.FindHeader(SipHeaderId.Via, i))
            {
                WriteHeader(SipHeaderId.Via, src, request.GetHeaderValue(i));
            }
            if (copyRecordRoute)
            {
                for (int i = request.FindHeader(SipHeaderId.RecordRoute, -1); i >= 0; i = request.FindHeader(SipHeaderId.RecordRoute, i))
                {
                    WriteHeader(SipHeaderId.RecordRoute, src, request.GetHeaderValue(i));
                }
            }
            WriteHeader(SipHeaderId.From, src, request.From.Whole);
            BeginHeader(SipHeaderId.To);
            Append(src, request.To.Whole);
            if (!request.To.Tag.IsPresent && code > 100 && toTag != null && toTagLength > 0)
            {
                Append(TagParam);
                Append(toTag, toTagOffset, toTagLength);
            }
            AppendCrLf();
            WriteHeader(SipHeaderId.CallId, src, request.CallId);
            BeginHeader(SipHeaderId.CSeq);
            AppendUInt(request.CSeqNumber);
            Append((byte)' ');
            Append(src, request.CSeqMethodName);
            AppendCrLf();
        }
    }
}
