// One media description (m= line and its c=/a= lines), RFC 4566 §5.14, §6; formats per RFC 3551.
namespace Phone.Core.Sdp
{
    using Phone.Core.Text;

    /// <summary>
    /// Fixed-capacity media description: up to <see cref="MaxFormats"/> payload types with their rtpmap/fmtp,
    /// ptime, rtcp port, direction and media-level connection. All storage is allocated in the constructor.
    /// </summary>
    public sealed class SdpMedia
    {
        /// <summary>Formats kept per m= line; further ones are dropped and counted.</summary>
        public const int MaxFormats = 16;

        private const int LineSize = 160;
        private const int PoolSize = 384;

        private readonly byte[] _line = new byte[LineSize];
        private readonly byte[] _pool = new byte[PoolSize];

        // Every number of the description in one array at fixed positions (nanoCLR gives each field of an object, and
        // each array, a heap block of its own): the header values, then three words per format.
        private const int LineLength = 0, MediaLength = 1, ProtoStart = 2, ProtoLength = 3, PoolUsed = 4, TypeAt = 5,
            PortAt = 6, PortCountAt = 7, FlagsAt = 8, FormatCountAt = 9, DroppedAt = 10, PtimeAt = 11, RtcpAt = 12,
            DirectionAt = 13, FormatBase = 14, FormatWords = 3;
        // Per format: clock rate (bits 0-19) and channels (bits 20-27); rtpmap name and fmtp as pool start (bits 0-15)
        // and length (bits 16-31).
        private const int RateWord = 0, NameWord = 1, FmtpWord = 2;
        private const int RtpAvpBit = 1, DirectionBit = 2;
        private readonly int[] _v = new int[FormatBase + MaxFormats * FormatWords];

        /// <summary>Media type.</summary>
        public SdpMediaType Type
        {
            get { return (SdpMediaType)_v[TypeAt]; }
            set { _v[TypeAt] = (int)value; }
        }

        /// <summary>Transport port (0 = stream refused/disabled, RFC 3264 §5.1).</summary>
        public int Port
        {
            get { return _v[PortAt]; }
            set { _v[PortAt] = value; }
        }

        /// <summary>Port count from "port/count" (1 when absent).</summary>
        public int PortCount
        {
            get { return _v[PortCountAt]; }
            set { _v[PortCountAt] = value; }
        }

        /// <summary>Transport is exactly RTP/AVP.</summary>
        public bool IsRtpAvp
        {
            get { return (_v[FlagsAt] & RtpAvpBit) != 0; }
            set { _v[FlagsAt] = value ? _v[FlagsAt] | RtpAvpBit : _v[FlagsAt] & ~RtpAvpBit; }
        }

        /// <summary>Number of payload types kept.</summary>
        public int FormatCount
        {
            get { return _v[FormatCountAt]; }
            set { _v[FormatCountAt] = value; }
        }

        /// <summary>Payload types in the m= line order (offerer's preference).</summary>
        public readonly int[] PayloadTypes = new int[MaxFormats];

        /// <summary>rtpmap clock rate of format <paramref name="index"/> (0 when no rtpmap).</summary>
        public int ClockRate(int index) => _v[FormatBase + index * FormatWords + RateWord] & 0xFFFFF;

        /// <summary>rtpmap channels of format <paramref name="index"/> (1 when absent).</summary>
        public int ChannelCount(int index) => (_v[FormatBase + index * FormatWords + RateWord] >> 20) & 0xFF;

        /// <summary>Formats beyond <see cref="MaxFormats"/> or non-numeric ones that were not kept.</summary>
        public int DroppedFormats
        {
            get { return _v[DroppedAt]; }
            set { _v[DroppedAt] = value; }
        }

        /// <summary>a=ptime in ms (0 when absent).</summary>
        public int Ptime
        {
            get { return _v[PtimeAt]; }
            set { _v[PtimeAt] = value; }
        }

        /// <summary>a=rtcp port (0 when absent, RFC 3605).</summary>
        public int RtcpPort
        {
            get { return _v[RtcpAt]; }
            set { _v[RtcpAt] = value; }
        }

        /// <summary>True when a direction attribute was present at media level.</summary>
        public bool HasDirection
        {
            get { return (_v[FlagsAt] & DirectionBit) != 0; }
            set { _v[FlagsAt] = value ? _v[FlagsAt] | DirectionBit : _v[FlagsAt] & ~DirectionBit; }
        }

        /// <summary>Media-level direction (valid when <see cref="HasDirection"/>).</summary>
        public SdpDirection Direction
        {
            get { return (SdpDirection)_v[DirectionAt]; }
            set { _v[DirectionAt] = (int)value; }
        }

        /// <summary>Media-level c= (IsPresent false when absent).</summary>
        public readonly SdpConnection Connection = new SdpConnection();

        private int NameStart(int k) => _v[FormatBase + k * FormatWords + NameWord] & 0xFFFF;
        private int NameLength(int k) => (_v[FormatBase + k * FormatWords + NameWord] >> 16) & 0xFFFF;
        private int FmtpStart(int k) => _v[FormatBase + k * FormatWords + FmtpWord] & 0xFFFF;
        private int FmtpLength(int k) => (_v[FormatBase + k * FormatWords + FmtpWord] >> 16) & 0xFFFF;

        /// <summary>Clears everything.</summary>
        public void Clear()
        {
            for (int i = 0; i < FormatBase; i++) _v[i] = 0;
            Type = SdpMediaType.Other;
            PortCount = 1;
            Direction = SdpDirection.SendRecv;
            Connection.Clear();
        }

        /// <summary>Index of a payload type in this m= line, or -1.</summary>
        public int IndexOf(int payloadType)
        {
            for (int i = 0; i < FormatCount; i++) if (PayloadTypes[i] == payloadType) return i;
            return -1;
        }

        /// <summary>True when format <paramref name="index"/> has an rtpmap whose encoding name equals <paramref name="name"/> (case-insensitive).</summary>
        public bool EncodingIs(int index, string name)
        {
            int len = NameLength(index);
            if (len != name.Length) return false;
            int s = NameStart(index);
            for (int i = 0; i < len; i++)
            {
                int a = _pool[s + i], b = name[i];
                if (a >= 'A' && a <= 'Z') a += 32;
                if (b >= 'A' && b <= 'Z') b += 32;
                if (a != b) return false;
            }
            return true;
        }

        /// <summary>True when format <paramref name="index"/> carried an a=rtpmap.</summary>
        public bool HasRtpmap(int index) => NameLength(index) > 0;

        /// <summary>True when format <paramref name="index"/> carried an a=fmtp.</summary>
        public bool HasFmtp(int index) => FmtpLength(index) > 0;

        /// <summary>Writes the rtpmap encoding name of a format.</summary>
        public void WriteEncodingName(int index, ByteWriter w) => w.Bytes(_pool, NameStart(index), NameLength(index));

        /// <summary>Writes the fmtp parameters of a format.</summary>
        public void WriteFmtp(int index, ByteWriter w) => w.Bytes(_pool, FmtpStart(index), FmtpLength(index));

        /// <summary>rtpmap encoding name (allocates; tests and logs).</summary>
        public string EncodingName(int index) => Utf8.GetString(_pool, NameStart(index), NameLength(index));

        /// <summary>fmtp parameters (allocates; tests and logs).</summary>
        public string Fmtp(int index) => Utf8.GetString(_pool, FmtpStart(index), FmtpLength(index));

        /// <summary>Writes "media port proto fmts" with the given port: the form used to refuse a stream (RFC 3264 §6).</summary>
        public void WriteMLineWithPort(int port, ByteWriter w)
        {
            w.Bytes(_line, 0, _v[MediaLength]);
            w.Byte(' ');
            w.Decimal(port);
            w.Byte(' ');
            w.Bytes(_line, _v[ProtoStart], _v[LineLength] - _v[ProtoStart]);
        }

        /// <summary>Transport protocol text (allocates).</summary>
        public string Proto => Utf8.GetString(_line, _v[ProtoStart], _v[ProtoLength]);

        // m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 4566 §5.14)
        internal bool TryParseMLine(byte[] b, int start, int end, SdpStats stats)
        {
            Clear();
            int p = start;
            int ms = p;
            while (p < end && b[p] != ' ') p++;
            int mediaLen = p - ms;
            if (mediaLen == 0 || p >= end) return false;
            if (SdpSession.Equals(b, ms, mediaLen, "audio")) Type = SdpMediaType.Audio;
            else if (SdpSession.Equals(b, ms, mediaLen, "video")) Type = SdpMediaType.Video;
            p++;
            if (!SdpSession.TryReadUInt(b, ref p, end, 65535, out int port)) return false;
            Port = port;
            if (p < end && b[p] == '/')
            {
                p++;
                if (!SdpSession.TryReadUInt(b, ref p, end, 65535, out int count) || count == 0) return false;
                PortCount = count;
            }
            if (p >= end || b[p] != ' ') return false;
            p++;
            int ps = p;
            while (p < end && b[p] != ' ') p++;
            int protoLen = p - ps;
            if (protoLen == 0) return false;
            IsRtpAvp = SdpSession.Equals(b, ps, protoLen, "RTP/AVP");
            // Keep a copy of the line for refusals: media, then proto+formats.
            int restLen = end - ps;
            if (mediaLen + restLen > LineSize) return false;
            for (int i = 0; i < mediaLen; i++) _line[i] = b[ms + i];
            for (int i = 0; i < restLen; i++) _line[mediaLen + i] = b[ps + i];
            _v[MediaLength] = mediaLen;
            _v[ProtoStart] = mediaLen;
            _v[ProtoLength] = protoLen;
            _v[LineLength] = mediaLen + restLen;
            bool anyFormat = false;
            while (p < end)
            {
                if (b[p] == ' ')
                {
                    p++;
                    continue;
                }
                anyFormat = true;
                int fs = p;
                while (p < end && b[p] != ' ') p++;
                int q = fs;
                if (SdpSession.TryReadUInt(b, ref q, p, 127, out int pt) && q == p && FormatCount < MaxFormats)
                {
                    int k = FormatCount++;
                    PayloadTypes[k] = pt;
                    int f = FormatBase + k * FormatWords;
                    _v[f + RateWord] = 1 << 20;
                    _v[f + NameWord] = 0;
                    _v[f + FmtpWord] = 0;
                }
                else
                {
                    DroppedFormats++;
                }
            }
            if (DroppedFormats > 0 && IsRtpAvp && stats != null) stats.DroppedFormats += DroppedFormats;
            return anyFormat;
        }

        // a=rtpmap:<pt> <encoding name>/<clock rate>[/<channels>] (RFC 4566 §6). Unknown PT: ignored.
        internal bool TryParseRtpmap(byte[] b, int p, int end)
        {
            if (!SdpSession.TryReadUInt(b, ref p, end, 127, out int pt) || p >= end || b[p] != ' ') return false;
            int k = IndexOf(pt);
            p++;
            int ns = p;
            while (p < end && b[p] != '/') p++;
            int nameLen = p - ns;
            if (nameLen == 0 || p >= end) return false;
            p++;
            if (!SdpSession.TryReadUInt(b, ref p, end, 1000000, out int rate) || rate == 0) return false;
            int channels = 1;
            if (p < end && b[p] == '/')
            {
                p++;
                if (!SdpSession.TryReadUInt(b, ref p, end, 255, out channels) || channels == 0) return false;
            }
            while (p < end && b[p] == ' ') p++;
            if (p != end) return false;
            if (k < 0) return true;
            if (!Store(b, ns, nameLen, out int at)) return true;
            int f = FormatBase + k * FormatWords;
            _v[f + NameWord] = at | (nameLen << 16);
            _v[f + RateWord] = rate | (channels << 20);
            return true;
        }

        // a=fmtp:<format> <format specific parameters> (RFC 4566 §6).
        internal bool TryParseFmtp(byte[] b, int p, int end)
        {
            if (!SdpSession.TryReadUInt(b, ref p, end, 127, out int pt)) return false;
            if (p < end && b[p] != ' ') return false;
            while (p < end && b[p] == ' ') p++;
            int k = IndexOf(pt);
            if (k < 0 || p >= end) return true;
            if (Store(b, p, end - p, out int at)) _v[FormatBase + k * FormatWords + FmtpWord] = at | ((end - p) << 16);
            return true;
        }

        private bool Store(byte[] b, int start, int count, out int at)
        {
            at = _v[PoolUsed];
            if (count > PoolSize - at) return false;
            for (int i = 0; i < count; i++) _pool[at + i] = b[start + i];
            _v[PoolUsed] = at + count;
            return true;
        }
    }
}
