// Big-endian (network byte order) field access for RTP/RTCP headers, RFC 3550 §5.1 and RFC 1700.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Reads and writes 16/32-bit fields in network byte order at an offset of a byte array.</summary>
    public static class NetworkOrder
    {
        /// <summary>Reads a 16-bit unsigned big-endian value.</summary>
        [HotPath]
        public static int ReadUInt16(byte[] b, int o) => (b[o] << 8) | b[o + 1];

        /// <summary>Reads a 32-bit unsigned big-endian value.</summary>
        [HotPath]
        public static uint ReadUInt32(byte[] b, int o)
            => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];

        /// <summary>Writes the low 16 bits big-endian.</summary>
        [HotPath]
        public static void WriteUInt16(byte[] b, int o, int v)
        {
            b[o] = (byte)(v >> 8);
            b[o + 1] = (byte)v;
        }

        /// <summary>Writes a 32-bit value big-endian.</summary>
        [HotPath]
        public static void WriteUInt32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }
    }
}
