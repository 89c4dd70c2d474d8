// Writes a DNS query message (RFC 1035 §4.1): header, one question, recursion desired.
namespace Phone.Core.Dns
{
    /// <summary>Builds standard queries into a caller-owned buffer.</summary>
    public static class DnsQueryWriter
    {
        /// <summary>
        /// Writes a query for <paramref name="name"/> of type <paramref name="type"/>, class IN. Returns the
        /// message length, or -1 when the name is not a valid DNS name (empty label, label over 63 octets, name over
        /// 253 characters, non-ASCII) or the buffer is too small.
        /// </summary>
        public static int Write(byte[] buffer, int offset, int capacity, int id, string name, int type)
        {
            if (name == null) return -1;
            int length = name.Length;
            if (length > 0 && name[length - 1] == '.') length--;
            if (length == 0 || length > 253 || capacity < 12 + length + 2 + 4) return -1;
            int p = offset;
            buffer[p++] = (byte)(id >> 8);
            buffer[p++] = (byte)id;
            buffer[p++] = 0x01; // RD: ask the server to recurse (RFC 1035 §4.1.1)
            buffer[p++] = 0x00;
            buffer[p++] = 0; buffer[p++] = 1; // QDCOUNT
            for (int i = 0; i < 6; i++) buffer[p++] = 0; // ANCOUNT, NSCOUNT, ARCOUNT
            int labelStart = 0;
            for (int i = 0; i <= length; i++)
            {
                if (i == length || name[i] == '.')
                {
                    int labelLength = i - labelStart;
                    if (labelLength == 0 || labelLength > 63) return -1;
                    buffer[p++] = (byte)labelLength;
                    for (int j = labelStart; j < i; j++)
                    {
                        char c = name[j];
                        if (c <= ' ' || c > '~') return -1;
                        buffer[p++] = (byte)c;
                    }
                    labelStart = i + 1;
                }
            }
            buffer[p++] = 0; // root label
            buffer[p++] = (byte)(type >> 8);
            buffer[p++] = (byte)type;
            buffer[p++] = 0;
            buffer[p++] = 1; // class IN
            return p - offset;
        }
    }
}
