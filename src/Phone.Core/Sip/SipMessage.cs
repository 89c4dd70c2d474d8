// Zero-copy SIP message parser over a caller-owned datagram buffer (RFC 3261 §7, §8.1.1, §18.3, §20; RFC 4475; RFC 5118).
namespace Phone.Core.Sip
{
    /// <summary>
    /// A received SIP request or response, parsed in place: every element is an offset/length slice of the
    /// caller's buffer, so the buffer must not be reused while the message is in use. Header storage is a fixed
    /// table sized at construction; <see cref="TryParse"/> allocates nothing, never throws on malformed input,
    /// and counts every outcome in <see cref="Stats"/>.
    /// <para>Reading: <see cref="Method"/>/<see cref="RequestUri"/> or <see cref="StatusCode"/>, the top
    /// <see cref="Via"/>, <see cref="From"/>, <see cref="To"/>, <see cref="CallId"/>, <see cref="CSeqNumber"/>,
    /// <see cref="Body"/>; any header by <see cref="FindHeader(SipHeaderId, int)"/> + <see cref="GetHeaderValue"/>.
    /// Slices of header values may contain folded line breaks; the <see cref="SipText"/> helpers treat them as SP.</para>
    /// </summary>
    public sealed class SipMessage
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string VersionPrefix = "SIP/";
        private static readonly string Version20 = "SIP/2.0";

        /// <summary>Default header table capacity.</summary>
        public const int DefaultMaxHeaders = 64;

        /// <summary>Default largest accepted message (bytes).</summary>
        public const int DefaultMaxMessageSize = 4096;

        // Every parsed element lives in two tables at fixed indexes, not in struct fields: nanoCLR holds each struct
        // field as a separate boxed object (and each SipSlice nested in it again), ~60 objects per message. The
        // properties below assemble the familiar structs from the tables on each read. Numbers that need 32 bits
        // (CSeq, Expires, Content-Length, the buffer offset ...) are ints in _n; slices are 16-bit codes relative to
        // the message in _t (SipSlice.Store), which is why a message is at most SipSlice.MaxIndexed bytes.
        private const int MaxSizeAt = 0;          // MaxMessageSize (kept by Reset)
        private const int OffsetAt = 1;
        private const int CountAt = 2;
        private const int ErrorAt = 3;
        private const int IsRequestAt = 4;
        private const int MethodAt = 5;
        private const int StatusCodeAt = 6;
        private const int ViaCountAt = 7;
        private const int CSeqNumberAt = 8;
        private const int CSeqMethodAt = 9;
        private const int MaxForwardsAt = 10;
        private const int ContentLengthAt = 11;
        private const int ContactCountAt = 12;
        private const int ExpiresSetAt = 13;      // 1 when Expires was present (its value may be 2^32-1, -1 as an int)
        private const int ExpiresAt = 14;
        private const int HeaderCountAt = 15;
        private const int NumberSlots = 16;

        private const int MethodNameAt = 0;       // slices in _t: start code, length
        private const int ReasonPhraseAt = 2;
        private const int CallIdAt = 4;
        private const int CSeqMethodNameAt = 6;
        private const int ContentTypeAt = 8;
        private const int BodyAt = 10;
        private const int RequestUriAt = 12;
        private const int ViaAt = RequestUriAt + SipUri.Slots;
        private const int FromAt = ViaAt + SipVia.Slots;
        private const int ToAt = FromAt + SipNameAddr.Slots;
        private const int ContactAt = ToAt + SipNameAddr.Slots;
        private const int TableSlots = ContactAt + SipNameAddr.Slots;

        // Offsets into a name-addr's slots (SipNameAddr.Store): Whole at 8, the URI from 10.
        private const int NameAddrWholeLength = 9;

        // Header lines, 4 per line: name start, name length, value start, value length; starts relative to Offset,
        // so a message of at most 65,535 bytes fits in ushorts.
        private const int HeaderSlots = 4;

        private readonly int[] _n;
        private readonly ushort[] _t;
        private readonly ushort[] _headers;
        private readonly byte[] _headerId;

        /// <summary>Largest message accepted, in bytes.</summary>
        public int MaxMessageSize => _n[MaxSizeAt];

        /// <summary>Header table capacity.</summary>
        public int MaxHeaders => _headerId.Length;

        /// <summary>Outcome counters (shared or own).</summary>
        public readonly SipParseStats Stats;

        /// <summary>The buffer of the last parse (slices index into it).</summary>
        public byte[] Buffer;

        /// <summary>Offset of the message in <see cref="Buffer"/>.</summary>
        public int Offset => _n[OffsetAt];

        /// <summary>Number of bytes handed to the parser (may exceed the message when a datagram has trailing octets).</summary>
        public int Count => _n[CountAt];

        /// <summary>Outcome of the last parse.</summary>
        public SipParseError Error => (SipParseError)_n[ErrorAt];

        /// <summary>True for a request, false for a response.</summary>
        public bool IsRequest => _n[IsRequestAt] != 0;

        /// <summary>Request method (Unknown for an extension method; compare <see cref="MethodName"/>).</summary>
        public SipMethod Method => (SipMethod)_n[MethodAt];

        /// <summary>Request method token.</summary>
        public SipSlice MethodName
        {
            [HotPath] get { return Slice(MethodNameAt); }
        }

        /// <summary>Request-URI.</summary>
        public SipUri RequestUri
        {
            [HotPath]
            get
            {
                SipUri u;
                SipUri.Load(_t, RequestUriAt, out u, _n[OffsetAt]);
                return u;
            }
        }

        /// <summary>Status code of a response (100..699).</summary>
        public int StatusCode => _n[StatusCodeAt];

        /// <summary>Reason phrase of a response (may be empty; may be UTF-8).</summary>
        public SipSlice ReasonPhrase
        {
            [HotPath] get { return Slice(ReasonPhraseAt); }
        }

        /// <summary>The top (first) Via value.</summary>
        public SipVia Via
        {
            [HotPath]
            get
            {
                SipVia v;
                SipVia.Load(_t, ViaAt, out v, _n[OffsetAt]);
                return v;
            }
        }

        /// <summary>Number of Via values over all Via header fields.</summary>
        public int ViaCount => _n[ViaCountAt];

        /// <summary>From (tag in From.Tag).</summary>
        public SipNameAddr From
        {
            [HotPath] get { return NameAddr(FromAt); }
        }

        /// <summary>To (tag in To.Tag, absent outside a dialog).</summary>
        public SipNameAddr To
        {
            [HotPath] get { return NameAddr(ToAt); }
        }

        /// <summary>Call-ID value.</summary>
        public SipSlice CallId
        {
            [HotPath] get { return Slice(CallIdAt); }
        }

        /// <summary>CSeq sequence number (0..2^32-1).</summary>
        public uint CSeqNumber => (uint)_n[CSeqNumberAt];

        /// <summary>CSeq method.</summary>
        public SipMethod CSeqMethod => (SipMethod)_n[CSeqMethodAt];

        /// <summary>CSeq method token.</summary>
        public SipSlice CSeqMethodName
        {
            [HotPath] get { return Slice(CSeqMethodNameAt); }
        }

        /// <summary>Max-Forwards, -1 when absent.</summary>
        public int MaxForwards => _n[MaxForwardsAt];

        /// <summary>Content-Length, -1 when absent (the body is then the rest of the datagram).</summary>
        public int ContentLength => _n[ContentLengthAt];

        /// <summary>Content-Type value (media type with parameters); absent when none.</summary>
        public SipSlice ContentType
        {
            [HotPath] get { return Slice(ContentTypeAt); }
        }

        /// <summary>First Contact value (valid when <see cref="ContactCount"/> &gt; 0).</summary>
        public SipNameAddr Contact
        {
            [HotPath] get { return NameAddr(ContactAt); }
        }

        /// <summary>Number of Contact values.</summary>
        public int ContactCount => _n[ContactCountAt];

        /// <summary>Expires header value, -1 when absent.</summary>
        public long Expires => _n[ExpiresSetAt] == 0 ? -1 : (long)(uint)_n[ExpiresAt];

        /// <summary>Message body, framed by Content-Length (RFC 3261 §18.3); empty when none.</summary>
        public SipSlice Body
        {
            [HotPath] get { return Slice(BodyAt); }
        }

        /// <summary>Creates a parser with the default capacities and its own statistics.</summary>
        public SipMessage() : this(DefaultMaxHeaders, DefaultMaxMessageSize, null)
        {
        }

        /// <summary>
        /// Creates a parser; stats may be shared (null: own instance). <paramref name="maxMessageSize"/> is at most
        /// 65,533 (element positions are kept as 16-bit codes relative to the message; a UDP payload is at most 65,507).
        /// </summary>
        /// <exception cref="System.ArgumentOutOfRangeException">A capacity is out of range (a start-up configuration error).</exception>
        public SipMessage(int maxHeaders, int maxMessageSize, SipParseStats stats)
        {
            if (maxHeaders < 0 || maxMessageSize < 0 || maxMessageSize > SipSlice.MaxIndexed) throw new System.ArgumentOutOfRangeException("maxMessageSize");
            Stats = stats ?? new SipParseStats();
            _n = new int[NumberSlots];
            _t = new ushort[TableSlots];
            _n[MaxSizeAt] = maxMessageSize;
            _headers = new ushort[maxHeaders * HeaderSlots];
            _headerId = new byte[maxHeaders];
            Reset();
        }

        /// <summary>Number of header fields (lines) in the message.</summary>
        public int HeaderCount => _n[HeaderCountAt];

        /// <summary>True when the last parse succeeded.</summary>
        public bool IsValid => Error == SipParseError.None && Buffer != null;

        [HotPath]
        private SipSlice Slice(int at)
        {
            SipSlice s;
            SipSlice.Load(_t, at, out s, _n[OffsetAt]);
            return s;
        }

        [HotPath]
        private SipNameAddr NameAddr(int at)
        {
            SipNameAddr n;
            SipNameAddr.Load(_t, at, out n, _n[OffsetAt]);
            return n;
        }

        [HotPath]
        private void SetSlice(int at, int start, int length)
        {
            SipSlice s;
            s.Start = start;
            s.Length = length;
            SipSlice.Store(_t, at, ref s, _n[OffsetAt]);
        }

        // The state before a parse: absent slices (-1) for the single slices, all-zero URI/Via/name-addr (as the
        // default structs were), -1 for the absent numbers.
        [HotPath]
        private void Reset()
        {
            int[] n = _n;
            for (int i = MaxSizeAt + 1; i < NumberSlots; i++) n[i] = 0;
            n[MaxForwardsAt] = -1;
            n[ContentLengthAt] = -1;
            ushort[] t = _t;
            for (int i = 0; i < TableSlots; i++) t[i] = 0;
            for (int i = MethodNameAt; i < RequestUriAt; i += 2) t[i] = 1; // absent (SipSlice.Store)
        }

        /// <summary>
        /// Parses buffer[offset..offset+count) as one message (a UDP datagram; octets after Content-Length are
        /// ignored, RFC 4475 §3.1.1.8). Returns false and sets <see cref="Error"/> when it is malformed.
        /// </summary>
        [HotPath]
        public bool TryParse(byte[] buffer, int offset, int count) => TryParse(buffer, offset, count, true);

        /// <summary>
        /// As <see cref="TryParse(byte[], int, int)"/>; with <paramref name="countInStats"/> false the outcome is not
        /// counted (a message parsed again after an in-place change, e.g. the transport's Via stamp, is one message).
        /// </summary>
        [HotPath]
        public bool TryParse(byte[] buffer, int offset, int count, bool countInStats)
        {
            Reset();
            Buffer = buffer;
            _n[OffsetAt] = offset;
            _n[CountAt] = count;
            SipParseError e;
            if (buffer == null || offset < 0 || count <= 0 || offset + count > buffer.Length || offset + count < offset)
            {
                e = SipParseError.BadStartLine;
            }
            else if (count > _n[MaxSizeAt])
            {
                e = SipParseError.TooLarge;
            }
            else
            {
                e = Parse(buffer, offset, offset + count);
            }
            _n[ErrorAt] = (int)e;
            if (countInStats) Stats.Count(e);
            return e == SipParseError.None;
        }

        [HotPath]
        private SipParseError Parse(byte[] buf, int pos, int end)
        {
            // RFC 3261 §7.5: empty lines before the start line are ignored (stream keep-alives).
            while (pos < end && (buf[pos] == 13 || buf[pos] == 10)) pos++;
            int lineEnd = SipText.IndexOf(buf, pos, end, 10);
            if (lineEnd >= end) return SipParseError.BadStartLine;
            int next = lineEnd + 1;
            if (lineEnd > pos && buf[lineEnd - 1] == 13) lineEnd--;

            SipParseError e = SipText.StartsWith(buf, pos, lineEnd - pos, VersionPrefix)
                ? ParseStatusLine(buf, pos, lineEnd)
                : ParseRequestLine(buf, pos, lineEnd);
            if (e != SipParseError.None) return e;

            pos = next;
            bool ended = false;
            while (pos < end)
            {
                byte b = buf[pos];
                if (b == 10)
                {
                    pos++;
                    ended = true;
                    break;
                }
                if (b == 13)
                {
                    if (pos + 1 < end && buf[pos + 1] == 10)
                    {
                        pos += 2;
                        ended = true;
                        break;
                    }
                    return SipParseError.BadHeader;
                }

                // field-name HCOLON: HCOLON = *( SP / HTAB ) ":" SWS
                int ns = pos;
                pos = SipText.SkipToken(buf, pos, end);
                if (pos == ns) return SipParseError.BadHeader;
                int nl = pos - ns;
                while (pos < end && (buf[pos] == 32 || buf[pos] == 9)) pos++;
                if (pos >= end || buf[pos] != (byte)':') return SipParseError.BadHeader;
                pos++;

                // The value runs to a line break not followed by SP/HTAB (RFC 3261 §7.3.1 folding).
                int vs = pos;
                int ve;
                while (true)
                {
                    pos = SipText.IndexOf(buf, pos, end, 10);
                    if (pos >= end) return SipParseError.BadHeader;
                    if (pos + 1 < end && (buf[pos + 1] == 32 || buf[pos + 1] == 9))
                    {
                        pos++;
                        continue;
                    }
                    ve = pos;
                    pos++;
                    break;
                }
                vs = SipText.SkipLws(buf, vs, ve);
                ve = SipText.TrimEnd(buf, vs, ve);

                int h = _n[HeaderCountAt];
                if (h >= _headerId.Length) return SipParseError.TooManyHeaders;
                _n[HeaderCountAt] = h + 1;
                SipHeaderId id = SipHeaders.Lookup(buf, ns, nl);
                int k = h * HeaderSlots, origin = _n[OffsetAt];
                _headers[k] = (ushort)(ns - origin);
                _headers[k + 1] = (ushort)nl;
                _headers[k + 2] = (ushort)(vs - origin);
                _headers[k + 3] = (ushort)(ve - vs);
                _headerId[h] = (byte)id;
                e = ParseKnownHeader(id, buf, vs, ve);
                if (e != SipParseError.None) return e;
            }
            if (!ended) return SipParseError.BadHeader;

            // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are mandatory (Max-Forwards is not, for RFC 2543 peers).
            if (_n[ViaCountAt] == 0 || _t[FromAt + NameAddrWholeLength] == 0 || _t[ToAt + NameAddrWholeLength] == 0 || _t[CallIdAt] == 1 || _t[CSeqMethodNameAt] == 1)
            {
                return SipParseError.MissingHeader;
            }
            // RFC 3261 §8.1.1.5 / RFC 4475 §3.1.2.17: the CSeq method must match the request method.
            if (_n[IsRequestAt] != 0 && !SipText.Equals(buf, Slice(MethodNameAt).Start, _t[MethodNameAt + 1], buf, Slice(CSeqMethodNameAt).Start, _t[CSeqMethodNameAt + 1]))
            {
                return SipParseError.BadCSeq;
            }

            int available = end - pos;
            int contentLength = _n[ContentLengthAt];
            if (contentLength >= 0)
            {
                // RFC 4475 §3.1.2.2: over UDP a body shorter than Content-Length is an error.
                if (contentLength > available) return SipParseError.BadContentLength;
                SetSlice(BodyAt, pos, contentLength);
            }
            else
            {
                SetSlice(BodyAt, pos, available);
            }
            return SipParseError.None;
        }

        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2)
        [HotPath]
        private SipParseError ParseStatusLine(byte[] buf, int pos, int end)
        {
            int sp = pos;
            while (sp < end && buf[sp] != 32) sp++;
            SipParseError v = CheckVersion(buf, pos, sp);
            if (v != SipParseError.None) return v;
            pos = sp + 1;
            if (pos + 3 > end) return SipParseError.BadStartLine;
            int code;
            if (!SipText.TryParseInt(buf, pos, 3, 999, out code) || code < 100 || code > 699) return SipParseError.BadStartLine;
            pos += 3;
            if (pos < end && buf[pos] != 32) return SipParseError.BadStartLine;
            pos = pos < end ? pos + 1 : pos;
            for (int i = pos; i < end; i++)
            {
                byte b = buf[i];
                if (b < 32 && b != 9) return SipParseError.BadStartLine;
            }
            _n[IsRequestAt] = 0;
            _n[StatusCodeAt] = code;
            SetSlice(ReasonPhraseAt, pos, end - pos);
            return SipParseError.None;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1); exactly one SP each.
        [HotPath]
        private SipParseError ParseRequestLine(byte[] buf, int pos, int end)
        {
            int ms = pos;
            pos = SipText.SkipToken(buf, pos, end);
            if (pos == ms || pos >= end || buf[pos] != 32) return SipParseError.BadStartLine;
            SetSlice(MethodNameAt, ms, pos - ms);
            _n[MethodAt] = (int)SipMethods.Lookup(buf, ms, pos - ms);
            int us = pos + 1;
            int ue = us;
            while (ue < end && buf[ue] != 32) ue++;
            if (ue >= end || ue == us) return SipParseError.BadStartLine;
            SipParseError v = CheckVersion(buf, ue + 1, end);
            if (v != SipParseError.None) return v;
            SipUri uri;
            bool uriOk = SipUri.TryParse(buf, us, ue - us, out uri);
            SipUri.Store(_t, RequestUriAt, ref uri, _n[OffsetAt]); // also when malformed: the parts read so far, as before
            if (!uriOk) return SipParseError.BadRequestUri;
            _n[IsRequestAt] = 1;
            return SipParseError.None;
        }

        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (505 otherwise, RFC 4475 §3.1.2.16).
        [HotPath]
        private static SipParseError CheckVersion(byte[] buf, int start, int end)
        {
            int len = end - start;
            if (SipText.EqualsIgnoreCase(buf, start, len, Version20)) return SipParseError.None;
            if (len < 7 || !SipText.EqualsIgnoreCase(buf, start, 4, VersionPrefix)) return SipParseError.BadStartLine;
            int p = start + 4, d1 = p;
            while (p < end && SipText.IsDigit(buf[p])) p++;
            if (p == d1 || p >= end || buf[p] != (byte)'.') return SipParseError.BadStartLine;
            int d2 = ++p;
            while (p < end && SipText.IsDigit(buf[p])) p++;
            if (p == d2 || p != end) return SipParseError.BadStartLine;
            return SipParseError.VersionNotSupported;
        }

        [HotPath]
        private SipParseError ParseKnownHeader(SipHeaderId id, byte[] buf, int vs, int ve)
        {
            int next;
            switch (id)
            {
                case SipHeaderId.Via:
                {
                    int p = vs;
                    while (true)
                    {
                        SipVia via;
                        if (!SipVia.TryParse(buf, p, ve, out via, out next)) return SipParseError.BadHeaderValue;
                        if (_n[ViaCountAt] == 0) SipVia.Store(_t, ViaAt, ref via, _n[OffsetAt]);
                        _n[ViaCountAt]++;
                        p = SipText.SkipLws(buf, next, ve);
                        if (p >= ve) break;
                        if (buf[p] != (byte)',') return SipParseError.BadHeaderValue;
                        p++;
                    }
                    return SipParseError.None;
                }
                case SipHeaderId.From:
                case SipHeaderId.To:
                {
                    int at = id == SipHeaderId.From ? FromAt : ToAt;
                    if (_t[at + NameAddrWholeLength] != 0) return SipParseError.DuplicateHeader;
                    SipNameAddr na;
                    bool ok = SipNameAddr.TryParse(buf, vs, ve, false, out na, out next);
                    SipNameAddr.Store(_t, at, ref na, _n[OffsetAt]); // also when malformed: the parts read so far, as before
                    if (!ok || SipText.SkipLws(buf, next, ve) != ve) return SipParseError.BadHeaderValue;
                    return SipParseError.None;
                }
                case SipHeaderId.Contact:
                case SipHeaderId.Route:
                case SipHeaderId.RecordRoute:
                {
                    bool contact = id == SipHeaderId.Contact;
                    int p = vs;
                    while (true)
                    {
                        SipNameAddr na;
                        if (!SipNameAddr.TryParse(buf, p, ve, contact, out na, out next)) return SipParseError.BadHeaderValue;
                        if (contact)
                        {
                            if (_n[ContactCountAt] == 0) SipNameAddr.Store(_t, ContactAt, ref na, _n[OffsetAt]);
                            _n[ContactCountAt]++;
                        }
                        p = SipText.SkipLws(buf, next, ve);
                        if (p >= ve) break;
                        if (buf[p] != (byte)',') return SipParseError.BadHeaderValue;
                        p++;
                    }
                    return SipParseError.None;
                }
                case SipHeaderId.CallId:
                {
                    if (_t[CallIdAt] != 1) return SipParseError.DuplicateHeader;
                    if (vs == ve) return SipParseError.BadHeaderValue;
                    for (int i = vs; i < ve; i++)
                    {
                        byte b = buf[i];
                        if (b <= 32 || b == 127) return SipParseError.BadHeaderValue;
                    }
                    SetSlice(CallIdAt, vs, ve - vs);
                    return SipParseError.None;
                }
                case SipHeaderId.CSeq:
                {
                    // CSeq = 1*DIGIT LWS Method
                    if (_t[CSeqMethodNameAt] != 1) return SipParseError.DuplicateHeader;
                    int p = vs;
                    while (p < ve && SipText.IsDigit(buf[p])) p++;
                    uint n;
                    if (!SipText.TryParseUInt32(buf, vs, p - vs, out n)) return SipParseError.BadCSeq;
                    int ms = SipText.SkipLws(buf, p, ve);
                    if (ms == p) return SipParseError.BadCSeq;
                    int me = SipText.SkipToken(buf, ms, ve);
                    if (me == ms || me != ve) return SipParseError.BadCSeq;
                    _n[CSeqNumberAt] = (int)n;
                    SetSlice(CSeqMethodNameAt, ms, me - ms);
                    _n[CSeqMethodAt] = (int)SipMethods.Lookup(buf, ms, me - ms);
                    return SipParseError.None;
                }
                case SipHeaderId.MaxForwards:
                {
                    if (_n[MaxForwardsAt] >= 0) return SipParseError.DuplicateHeader;
                    int mf;
                    if (!SipText.TryParseInt(buf, vs, ve - vs, 255, out mf)) return SipParseError.ValueOutOfRange;
                    _n[MaxForwardsAt] = mf;
                    return SipParseError.None;
                }
                case SipHeaderId.ContentLength:
                {
                    if (_n[ContentLengthAt] >= 0) return SipParseError.DuplicateHeader;
                    int cl;
                    if (!SipText.TryParseInt(buf, vs, ve - vs, 0x7FFFFFFF, out cl)) return SipParseError.BadContentLength;
                    _n[ContentLengthAt] = cl;
                    return SipParseError.None;
                }
                case SipHeaderId.ContentType:
                {
                    // media-type = m-type SLASH m-subtype *(SEMI m-parameter)
                    if (_t[ContentTypeAt] != 1) return SipParseError.DuplicateHeader;
                    int p = SipText.SkipToken(buf, vs, ve);
                    if (p == vs) return SipParseError.BadHeaderValue;
                    p = SipText.SkipLws(buf, p, ve);
                    if (p >= ve || buf[p] != (byte)'/') return SipParseError.BadHeaderValue;
                    p = SipText.SkipLws(buf, p + 1, ve);
                    int s = p;
                    p = SipText.SkipToken(buf, p, ve);
                    if (p == s) return SipParseError.BadHeaderValue;
                    while (true)
                    {
                        int q = SipText.SkipLws(buf, p, ve);
                        if (q >= ve) break;
                        if (buf[q] != (byte)';') return SipParseError.BadHeaderValue;
                        SipSlice pn, pv;
                        p = SipText.ReadParam(buf, q + 1, ve, out pn, out pv);
                        if (p < 0) return SipParseError.BadHeaderValue;
                    }
                    SetSlice(ContentTypeAt, vs, ve - vs);
                    return SipParseError.None;
                }
                case SipHeaderId.Expires:
                {
                    if (_n[ExpiresSetAt] != 0) return SipParseError.DuplicateHeader;
                    uint x;
                    if (!SipText.TryParseUInt32(buf, vs, ve - vs, out x)) return SipParseError.ValueOutOfRange;
                    _n[ExpiresAt] = (int)x;
                    _n[ExpiresSetAt] = 1;
                    return SipParseError.None;
                }
                case SipHeaderId.RetryAfter:
                {
                    // Retry-After = delta-seconds [ comment ] *( SEMI retry-param )
                    int p = vs;
                    while (p < ve && SipText.IsDigit(buf[p])) p++;
                    uint x;
                    if (!SipText.TryParseUInt32(buf, vs, p - vs, out x)) return SipParseError.ValueOutOfRange;
                    return SipParseError.None;
                }
                case SipHeaderId.Warning:
                {
                    // warning-value = warn-code SP warn-agent SP warn-text, warn-code = 3DIGIT (RFC 3261 §20.43)
                    int p = vs;
                    while (p < ve && SipText.IsDigit(buf[p])) p++;
                    if (p - vs != 3) return SipParseError.ValueOutOfRange;
                    return SipParseError.None;
                }
                default:
                    return SipParseError.None;
            }
        }

        // ---- header access -------------------------------------------------------------------------------

        [HotPath]
        private int NameStart(int index) => _n[OffsetAt] + _headers[index * HeaderSlots];

        [HotPath]
        private int ValueStart(int index) => _n[OffsetAt] + _headers[index * HeaderSlots + 2];

        [HotPath]
        private int ValueLength(int index) => _headers[index * HeaderSlots + 3];

        /// <summary>Identifier of header i (Unknown for extension headers).</summary>
        public SipHeaderId GetHeaderId(int index) => (SipHeaderId)_headerId[index];

        /// <summary>Name slice of header i as received (may be the compact form).</summary>
        public SipSlice GetHeaderName(int index) => new SipSlice(NameStart(index), _headers[index * HeaderSlots + 1]);

        /// <summary>Value slice of header i, trimmed; may contain folded line breaks.</summary>
        public SipSlice GetHeaderValue(int index) => new SipSlice(ValueStart(index), ValueLength(index));

        /// <summary>Index of the next header with this id after index 'after' (-1 to start), or -1.</summary>
        [HotPath]
        public int FindHeader(SipHeaderId id, int after)
        {
            for (int i = after + 1; i < _n[HeaderCountAt]; i++)
            {
                if (_headerId[i] == (byte)id) return i;
            }
            return -1;
        }

        /// <summary>Index of the first header with this id, or -1.</summary>
        [HotPath]
        public int FindHeader(SipHeaderId id) => FindHeader(id, -1);

        /// <summary>
        /// Index of the next header named 'name' after 'after' (-1 to start), or -1. Known names match their long and
        /// compact forms; other names compare case-insensitively.
        /// </summary>
        public int FindHeader(string name, int after)
        {
            SipHeaderId id = SipHeaders.Lookup(name);
            if (id != SipHeaderId.Unknown) return FindHeader(id, after);
            for (int i = after + 1; i < _n[HeaderCountAt]; i++)
            {
                if (_headerId[i] == 0 && SipText.EqualsIgnoreCase(Buffer, NameStart(i), _headers[i * HeaderSlots + 1], name)) return i;
            }
            return -1;
        }

        /// <summary>Value slice of the first header with this id; false when absent.</summary>
        [HotPath]
        public bool TryGetHeader(SipHeaderId id, out SipSlice value)
        {
            int i = FindHeader(id, -1);
            if (i < 0)
            {
                value = SipSlice.None;
                return false;
            }
            value = SipSlice.None;
            value.Set(ValueStart(i), ValueLength(i));
            return true;
        }

        /// <summary>
        /// Leading delta-seconds / integer of the first header with this id (Expires, Min-Expires, RSeq,
        /// Session-Expires, Retry-After, Min-SE, Max-Forwards …); false when absent or not a number.
        /// </summary>
        [HotPath]
        public bool TryGetHeaderUInt(SipHeaderId id, out uint value)
        {
            value = 0;
            int i = FindHeader(id, -1);
            if (i < 0) return false;
            int s = ValueStart(i), p = s, e = s + ValueLength(i);
            while (p < e && SipText.IsDigit(Buffer[p])) p++;
            return SipText.TryParseUInt32(Buffer, s, p - s, out value);
        }

        /// <summary>
        /// Splits the first header with this id at its first ';' outside a quoted string: primary is the part before
        /// (trimmed), parameters the part after (absent when none). Suits Event ("presence;id=7"),
        /// Subscription-State ("active;expires=60"), Session-Expires ("600;refresher=uas"), Replaces
        /// ("callid;to-tag=a;from-tag=b"), Retry-After, Content-Disposition. False when the header is absent.
        /// </summary>
        [HotPath]
        public bool TryGetHeaderPrimary(SipHeaderId id, out SipSlice primary, out SipSlice parameters)
        {
            primary = SipSlice.None;
            parameters = SipSlice.None;
            int i = FindHeader(id, -1);
            if (i < 0) return false;
            int s = ValueStart(i), e = s + ValueLength(i), p = s;
            while (p < e && Buffer[p] != (byte)';')
            {
                if (Buffer[p] == (byte)'"')
                {
                    int q = SipText.SkipQuoted(Buffer, p, e);
                    p = q < 0 ? e : q;
                    continue;
                }
                p++;
            }
            primary.Set(s, SipText.TrimEnd(Buffer, s, p) - s);
            if (p < e) parameters.Set(p + 1, e - p - 1);
            return true;
        }

        /// <summary>A parameter after the primary part of the first header with this id (e.g. Subscription-State "expires").</summary>
        [HotPath]
        public bool TryGetHeaderParameter(SipHeaderId id, string name, out SipSlice value)
        {
            SipSlice primary, parameters;
            value = SipSlice.None;
            if (!TryGetHeaderPrimary(id, out primary, out parameters) || parameters.Start < 0) return false;
            return SipText.TryFindParam(Buffer, parameters.Start, parameters.End, name, out value);
        }

        /// <summary>RAck = response-num LWS CSeq-num LWS Method (RFC 3262 §7.2); false when absent or malformed.</summary>
        [HotPath]
        public bool TryGetRAck(out uint responseNumber, out uint cseqNumber, out SipSlice method)
        {
            responseNumber = 0;
            cseqNumber = 0;
            method = SipSlice.None;
            int i = FindHeader(SipHeaderId.RAck, -1);
            if (i < 0) return false;
            byte[] b = Buffer;
            int p = ValueStart(i), e = p + ValueLength(i);
            int s = p;
            while (p < e && SipText.IsDigit(b[p])) p++;
            if (!SipText.TryParseUInt32(b, s, p - s, out responseNumber)) return false;
            s = SipText.SkipLws(b, p, e);
            if (s == p) return false;
            p = s;
            while (p < e && SipText.IsDigit(b[p])) p++;
            if (!SipText.TryParseUInt32(b, s, p - s, out cseqNumber)) return false;
            s = SipText.SkipLws(b, p, e);
            if (s == p) return false;
            p = SipText.SkipToken(b, s, e);
            if (p == s || p != e) return false;
            method.Set(s, p - s);
            return true;
        }

        /// <summary>
        /// True when any header with this id holds 'token' in its comma-separated list, case-insensitive
        /// (Require, Supported, Allow, Proxy-Require, Unsupported, Allow-Events …).
        /// </summary>
        [HotPath]
        public bool HeaderHasToken(SipHeaderId id, string token)
        {
            for (int i = FindHeader(id, -1); i >= 0; i = FindHeader(id, i))
            {
                if (SipText.ListContainsToken(Buffer, ValueStart(i), ValueStart(i) + ValueLength(i), token)) return true;
            }
            return false;
        }

        /// <summary>Value of header i as a string, folded lines joined by one SP (allocates: edges only).</summary>
        public string GetHeaderString(int index) => SipText.ToUnfoldedString(Buffer, ValueStart(index), ValueLength(index));

        /// <summary>Value of the first header with this id as a string, or null when absent (allocates).</summary>
        public string GetHeaderString(SipHeaderId id)
        {
            int i = FindHeader(id, -1);
            return i < 0 ? null : GetHeaderString(i);
        }

        /// <summary>Value of the first header with this name as a string, or null when absent (allocates).</summary>
        public string GetHeaderString(string name)
        {
            int i = FindHeader(name, -1);
            return i < 0 ? null : GetHeaderString(i);
        }

        /// <summary>A slice of this message as a string (allocates).</summary>
        public string GetString(SipSlice slice) => slice.Start < 0 ? null : SipText.ToAsciiString(Buffer, slice.Start, slice.Length);

        /// <summary>Case-sensitive comparison of a slice of this message with an ASCII constant.</summary>
        [HotPath]
        public bool SliceEquals(SipSlice slice, string ascii) => slice.Start >= 0 && SipText.Equals(Buffer, slice.Start, slice.Length, ascii);

        /// <summary>Case-insensitive comparison of a slice of this message with an ASCII constant.</summary>
        [HotPath]
        public bool SliceEqualsIgnoreCase(SipSlice slice, string ascii) => slice.Start >= 0 && SipText.EqualsIgnoreCase(Buffer, slice.Start, slice.Length, ascii);

        /// <summary>The n-th Via value (0 = top) over all Via header fields in order; false when n is out of range.</summary>
        [HotPath]
        public bool TryGetVia(int n, out SipVia via)
        {
            int k = 0;
            for (int i = FindHeader(SipHeaderId.Via, -1); i >= 0; i = FindHeader(SipHeaderId.Via, i))
            {
                int p = ValueStart(i), ve = p + ValueLength(i);
                while (p < ve)
                {
                    int next;
                    if (!SipVia.TryParse(Buffer, p, ve, out via, out next)) return false;
                    if (k++ == n) return true;
                    p = SipText.SkipLws(Buffer, next, ve);
                    if (p < ve) p++;
                }
            }
            via = default(SipVia);
            return false;
        }

        /// <summary>
        /// The n-th name-addr value of a list header (Contact, Route, Record-Route, or any name-addr header such as
        /// Refer-To, P-Asserted-Identity) over all its header fields in order; false when n is out of range or malformed.
        /// </summary>
        [HotPath]
        public bool TryGetNameAddr(SipHeaderId id, int n, out SipNameAddr value)
        {
            int k = 0;
            for (int i = FindHeader(id, -1); i >= 0; i = FindHeader(id, i))
            {
                int p = ValueStart(i), ve = p + ValueLength(i);
                while (p < ve)
                {
                    int next;
                    if (!SipNameAddr.TryParse(Buffer, p, ve, id == SipHeaderId.Contact, out value, out next)) return false;
                    if (k++ == n) return true;
                    p = SipText.SkipLws(Buffer, next, ve);
                    if (p < ve && Buffer[p] != (byte)',') break;
                    if (p < ve) p++;
                }
            }
            value = default(SipNameAddr);
            return false;
        }
    }
}
