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
        private int _lineLength;
        private int _mediaLength;
        private int _protoStart;
        private int _protoLength;

        private readonly byte[] _pool = new byte[PoolSize];
        private int _poolUsed;
        private readonly int[] _nameStart = new int[MaxFormats];
        private readonly int[] _nameLength = new int[MaxFormats];
        private readonly int[] _fmtpStart = new int[MaxFormats];
        private readonly int[] _fmtpLength = new int[MaxFormats];

        /// <summary>Media type.</summary>
        public SdpMediaType Type;

        /// <summary>Transport port (0 = stream refused/disabled, RFC 3264 §5.1).</summary>
        public int Port;

        /// <summary>Port count from "port/count" (1 when absent).</summary>
        public int PortCount;

        /// <summary>Transport is exactly RTP/AVP.</summary>
        public bool IsRtpAvp;

        /// <summary>Number of payload types kept.</summary>
        public int FormatCount;

        /// <summary>Payload types in the m= line order (offerer's preference).</summary>
        public readonly int[] PayloadTypes = new int[MaxFormats];

        /// <summary>rtpmap clock rate per format (0 when no rtpmap).</summary>
        public readonly int[] ClockRates = new int[MaxFormats];

        /// <summary>rtpmap channels per format (1 when absent).</summary>
        public readonly int[] Channels = new int[MaxFormats];

        /// <summary>Formats beyond <see cref="MaxFormats"/> or non-numeric ones that were not kept.</summary>
        public int DroppedFormats;

        /// <summary>a=ptime in ms (0 when absent).</summary>
        public int Ptime;

        /// <summary>a=rtcp port (0 when absent, RFC 3605).</summary>
        public int RtcpPort;

        /// <summary>True when a direction attribute was present at media level.</summary>
        public bool HasDirection;

        /// <summary>Media-level direction (valid when <see cref="HasDirection"/>).</summary>
        public SdpDirection Direction;

        /// <summary>Media-level c= (IsPresent false when absent).</summary>
        public readonly SdpConnection Connection = new SdpConnection();

        /// <summary>Clears everything.</summary>
        public void Clear()
        {
            _lineLength = _mediaLength = _protoStart = _protoLength = 0;
            _poolUsed = 0;
            Type = SdpMediaType.Other;
            Port = 0;
            PortCount = 1;
            IsRtpAvp = false;
            FormatCount = 0;
            DroppedFormats = 0;
            Ptime = 0;
            RtcpPort = 0;
            HasDirection = false;
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
            int len = _nameLength[index];
            if (len != name.Length) return false;
            int s = _nameStart[index];
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
        public bool HasRtpmap(int index) => _nameLength[index] > 0;

        /// <summary>True when format <paramref name="index"/> carried an a=fmtp.</summary>
        public bool HasFmtp(int index) => _fmtpLength[index] > 0;

        /// <summary>Writes the rtpmap encoding name of a format.</summary>
        public void WriteEncodingName(int index, ByteWriter w) => w.Bytes(_pool, _nameStart[index], _nameLength[index]);

        /// <summary>Writes the fmtp parameters of a format.</summary>
        public void WriteFmtp(int index, ByteWriter w) => w.Bytes(_pool, _fmtpStart[index], _fmtpLength[index]);

        /// <summary>rtpmap encoding name (allocates; tests and logs).</summary>
        public string EncodingName(int index) => Utf8.GetString(_pool, _nameStart[index], _nameLength[index]);

        /// <summary>fmtp parameters (allocates; tests and logs).</summary>
        public string Fmtp(int index) => Utf8.GetString(_pool, _fmtpStart[index], _fmtpLength[index]);

        /// <summary>Writes "media port proto fmts" with the given port: the form used to refuse a stream (RFC 3264 §6).</summary>
        public void WriteMLineWithPort(int port, ByteWriter w)
        {
            w.Bytes(_line, 0, _mediaLength);
            w.Byte(' ');
            w.Decimal(port);
            w.Byte(' ');
            w.Bytes(_line, _protoStart, _lineLength - _protoStart);
        }

        /// <summary>Transport protocol text (allocates).</summary>
        public string Proto => Utf8.GetString(_line, _protoStart, _protoLength);

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
            if (!SdpSession.TryReadUInt(b, ref p, end, 65535, out Port)) return false;
            if (p < end && b[p] == '/')
            {
                p++;
                if (!SdpSession.TryReadUInt(b, ref p, end, 65535, out PortCount) || PortCount == 0) return false;
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
            _mediaLength = mediaLen;
            _protoStart = mediaLen;
            _protoLength = protoLen;
            _lineLength = mediaLen + restLen;
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
                    ClockRates[k] = 0;
                    Channels[k] = 1;
                    _nameLength[k] = 0;
                    _fmtpLength[k] = 0;
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
            if (!Store(b, ns, nameLen, out _nameStart[k])) return true;
            _nameLength[k] = nameLen;
            ClockRates[k] = rate;
            Channels[k] = channels;
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
            if (Store(b, p, end - p, out _fmtpStart[k])) _fmtpLength[k] = end - p;
            return true;
        }

        private bool Store(byte[] b, int start, int count, out int at)
        {
            at = _poolUsed;
            if (count > PoolSize - _poolUsed) return false;
            for (int i = 0; i < count; i++) _pool[_poolUsed + i] = b[start + i];
            _poolUsed += count;
            return true;
        }
    }
}
