// CRC-32 (IEEE 802.3 polynomial 0xEDB88320, reflected), used to detect torn or corrupted settings records.
namespace Phone.Core.Provisioning
{
    /// <summary>CRC-32 as in zlib/PNG: Crc32.Compute("123456789") = 0xCBF43926.</summary>
    public static class Crc32
    {
        /// <summary>CRC-32 of data[offset .. offset+count).</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            // Four bits at a time: a 16-entry table (84 B on nanoCLR) instead of the usual 256 entries (1,044 B), made
            // for the call and dropped, not held for the uptime: settings records are checked at boot and written on a
            // resync, never per frame.
            uint[] nibble =
            {
                0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
                0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
            };
            uint crc = 0xFFFFFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                crc = nibble[crc & 0xF] ^ (crc >> 4);
                crc = nibble[crc & 0xF] ^ (crc >> 4);
            }
            return ~crc;
        }
    }
}
