// Reading domain names with message compression (RFC 1035 §4.1.4), bounded against loops and overruns.
namespace Phone.Core.Dns
{
    /// <summary>Domain-name helpers.</summary>
    public static class DnsName
    {
        private const int MaxJumps = 16;
        private const int MaxNameLength = 255;

        /// <summary>
        /// Skips the name at <paramref name="position"/>; returns the position after it (after the first pointer, if
        /// compressed), or -1 when it runs past <paramref name="end"/> or is malformed.
        /// </summary>
        public static int Skip(byte[] message, int position, int end)
        {
            while (position < end)
            {
                int length = message[position];
                if (length == 0) return position + 1;
                if ((length & 0xC0) == 0xC0) return position + 2 <= end ? position + 2 : -1;
                if ((length & 0xC0) != 0) return -1; // 0x40/0x80: extended label types, not in use
                position += 1 + length;
            }
            return -1;
        }

        /// <summary>
        /// Reads the name at <paramref name="position"/> of the message that starts at <paramref name="start"/> into
        /// dotted text without the trailing dot. False on any malformation (pointer loop, overrun, overlong name).
        /// </summary>
        public static bool TryRead(byte[] message, int start, int end, int position, char[] scratch, out string name)
        {
            name = null;
            int written = 0, jumps = 0;
            while (true)
            {
                if (position >= end) return false;
                int length = message[position];
                if (length == 0) break;
                if ((length & 0xC0) == 0xC0)
                {
                    if (position + 1 >= end || ++jumps > MaxJumps) return false;
                    int target = start + (((length & 0x3F) << 8) | message[position + 1]);
                    if (target >= end) return false;
                    position = target;
                    continue;
                }
                if ((length & 0xC0) != 0 || position + 1 + length > end) return false;
                if (written + length + 1 > MaxNameLength || written + length + 1 > scratch.Length) return false;
                if (written > 0) scratch[written++] = '.';
                for (int i = 0; i < length; i++) scratch[written++] = (char)message[position + 1 + i];
                position += 1 + length;
            }
            var chars = new char[written];
            for (int i = 0; i < written; i++) chars[i] = scratch[i];
            name = new string(chars);
            return true;
        }

        /// <summary>ASCII case-insensitive equality, ignoring one trailing dot on either side (DNS names, RFC 4343).</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null) return false;
            int la = a.Length, lb = b.Length;
            if (la > 0 && a[la - 1] == '.') la--;
            if (lb > 0 && b[lb - 1] == '.') lb--;
            if (la != lb) return false;
            for (int i = 0; i < la; i++)
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
