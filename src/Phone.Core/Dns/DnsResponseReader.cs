// Parses a DNS response (RFC 1035 §4.1) into a DnsAnswer: SRV (RFC 2782) and A records; malformed input is rejected.
namespace Phone.Core.Dns
{
    /// <summary>Outcome of parsing one response.</summary>
    public enum DnsReadResult : byte
    {
        /// <summary>A well-formed response to our query.</summary>
        Ok = 0,
        /// <summary>Not a response to the query with this ID (stale or spoofed): ignore it.</summary>
        WrongId = 1,
        /// <summary>Malformed: too short, overruns, bad names.</summary>
        Malformed = 2,
        /// <summary>TC bit set: the answer did not fit in UDP (DNS over TCP is not implemented).</summary>
        Truncated = 3,
    }

    /// <summary>Reads responses without throwing; every length is checked before it is used.</summary>
    public sealed class DnsResponseReader
    {
        private readonly char[] _scratch = new char[256];

        /// <summary>Parses message[offset, offset+count) as the response to query <paramref name="expectedId"/>.</summary>
        public DnsReadResult Read(byte[] message, int offset, int count, int expectedId, DnsAnswer answer)
        {
            answer.Clear();
            int end = offset + count;
            if (message == null || count < 12 || offset < 0 || end > message.Length) return DnsReadResult.Malformed;
            int id = (message[offset] << 8) | message[offset + 1];
            if (id != (expectedId & 0xFFFF)) return DnsReadResult.WrongId;
            int flags = (message[offset + 2] << 8) | message[offset + 3];
            if ((flags & 0x8000) == 0) return DnsReadResult.Malformed; // QR must say response
            if ((flags & 0x0200) != 0) return DnsReadResult.Truncated;
            answer.ResponseCode = flags & 0x000F;
            int questions = (message[offset + 4] << 8) | message[offset + 5];
            int answers = (message[offset + 6] << 8) | message[offset + 7];
            int authority = (message[offset + 8] << 8) | message[offset + 9];
            int additional = (message[offset + 10] << 8) | message[offset + 11];

            int p = offset + 12;
            for (int i = 0; i < questions; i++)
            {
                p = DnsName.Skip(message, p, end);
                if (p < 0 || p + 4 > end) return DnsReadResult.Malformed;
                p += 4;
            }

            int records = answers + authority + additional;
            for (int i = 0; i < records; i++)
            {
                int nameAt = p;
                p = DnsName.Skip(message, p, end);
                if (p < 0 || p + 10 > end) return DnsReadResult.Malformed;
                int type = (message[p] << 8) | message[p + 1];
                int klass = (message[p + 2] << 8) | message[p + 3];
                long ttl = ((long)message[p + 4] << 24) | ((long)message[p + 5] << 16) | ((long)message[p + 6] << 8) | message[p + 7];
                int rdLength = (message[p + 8] << 8) | message[p + 9];
                p += 10;
                if (p + rdLength > end) return DnsReadResult.Malformed;
                // RFC 2181 §8: a TTL with the top bit set is treated as zero.
                int ttlSeconds = ttl > 0x7FFFFFFF ? 0 : (int)ttl;
                bool inAnswer = i < answers;
                bool inAdditional = i >= answers + authority;
                if (klass == 1 && type == DnsType.Srv && inAnswer)
                {
                    if (rdLength < 7) return DnsReadResult.Malformed;
                    if (answer.SrvCount < DnsAnswer.MaxSrv)
                    {
                        if (!DnsName.TryRead(message, offset, p + rdLength, p + 6, _scratch, out string target)) return DnsReadResult.Malformed;
                        SrvRecord r = answer.Srv[answer.SrvCount++];
                        r.Priority = (message[p] << 8) | message[p + 1];
                        r.Weight = (message[p + 2] << 8) | message[p + 3];
                        r.Port = (message[p + 4] << 8) | message[p + 5];
                        r.Target = target;
                        r.Address = 0;
                        r.TtlSeconds = ttlSeconds;
                    }
                }
                else if (klass == 1 && type == DnsType.A && (inAnswer || inAdditional))
                {
                    if (rdLength != 4) return DnsReadResult.Malformed;
                    if (answer.ACount < DnsAnswer.MaxA)
                    {
                        if (!DnsName.TryRead(message, offset, end, nameAt, _scratch, out string owner)) return DnsReadResult.Malformed;
                        int k = answer.ACount++;
                        answer.AName[k] = owner;
                        answer.AAddress[k] = ((uint)message[p] << 24) | ((uint)message[p + 1] << 16) | ((uint)message[p + 2] << 8) | message[p + 3];
                        answer.ATtl[k] = ttlSeconds;
                    }
                }
                p += rdLength;
            }
            return DnsReadResult.Ok;
        }
    }
}
