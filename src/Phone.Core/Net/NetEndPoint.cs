// An IPv4 address and UDP/TCP port as a value, because the core cannot see System.Net.
namespace Phone.Core.Net
{
    /// <summary>
    /// IPv4 address (network byte order packed into a uint, first octet in the high byte) and port.
    /// A struct so that passing it per packet allocates nothing.
    /// </summary>
    public struct NetEndPoint
    {
        /// <summary>Address, first octet in the most significant byte (127.0.0.1 = 0x7F000001).</summary>
        public uint Address;

        /// <summary>Port, 0..65535.</summary>
        public int Port;

        /// <summary>Creates an end point.</summary>
        public NetEndPoint(uint address, int port)
        {
            Address = address;
            Port = port;
        }

        /// <summary>True when no address has been set (0.0.0.0:0).</summary>
        public bool IsEmpty => Address == 0 && Port == 0;

        /// <summary>Value equality without boxing.</summary>
        public bool SameAs(NetEndPoint other) => Address == other.Address && Port == other.Port;

        /// <summary>The end point in one long (address above a 16-bit port): one field of an object instead of a boxed struct.</summary>
        public long Pack() => ((long)Address << 16) | (long)(Port & 0xFFFF);

        /// <summary>The end point <see cref="Pack"/> made.</summary>
        public static NetEndPoint Unpack(long packed) => new NetEndPoint((uint)(packed >> 16), (int)(packed & 0xFFFF));

        /// <summary>Writes the end point into slots[at] (address) and slots[at + 1] (port) of a settings array.</summary>
        public void Store(int[] slots, int at)
        {
            slots[at] = unchecked((int)Address);
            slots[at + 1] = Port;
        }

        /// <summary>The end point <see cref="Store"/> wrote at slots[at].</summary>
        public static NetEndPoint Load(int[] slots, int at) => new NetEndPoint(unchecked((uint)slots[at]), slots[at + 1]);

        /// <summary>Builds an address from its four octets.</summary>
        public static uint MakeAddress(int a, int b, int c, int d)
            => ((uint)(a & 0xFF) << 24) | ((uint)(b & 0xFF) << 16) | ((uint)(c & 0xFF) << 8) | (uint)(d & 0xFF);

        /// <summary>Parses dotted-quad text ("192.168.1.10"); false on anything else.</summary>
        public static bool TryParseAddress(string text, out uint address)
        {
            address = 0;
            // At the edges only (configuration, SDP text): copy into bytes and use the one parser.
            if (text == null || text.Length == 0 || text.Length > 15) return false;
            var bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                char c = text[i];
                if (c > 0x7F) return false;
                bytes[i] = (byte)c;
            }
            return TryParseAddress(bytes, 0, bytes.Length, out address);
        }

        /// <summary>Parses dotted-quad ASCII in text[offset, offset+count) without allocating; false on anything else.</summary>
        public static bool TryParseAddress(byte[] text, int offset, int count, out uint address)
        {
            address = 0;
            if (text == null) return false;
            int part = 0, value = 0, digits = 0;
            for (int i = 0; i < count; i++)
            {
                int c = text[offset + i];
                if (c >= '0' && c <= '9')
                {
                    value = value * 10 + (c - '0');
                    if (++digits > 3 || value > 255) return false;
                }
                else if (c == '.' && digits > 0 && part < 3)
                {
                    address = (address << 8) | (uint)value;
                    part++;
                    value = 0;
                    digits = 0;
                }
                else
                {
                    return false;
                }
            }
            if (part != 3 || digits == 0) return false;
            address = (address << 8) | (uint)value;
            return true;
        }

        /// <summary>Dotted-quad text of an address.</summary>
        public static string AddressToString(uint address)
            => ((address >> 24) & 0xFF).ToString() + "." + ((address >> 16) & 0xFF).ToString() + "."
             + ((address >> 8) & 0xFF).ToString() + "." + (address & 0xFF).ToString();

        /// <summary>"a.b.c.d:port".</summary>
        public override string ToString() => AddressToString(Address) + ":" + Port.ToString();
    }
}
