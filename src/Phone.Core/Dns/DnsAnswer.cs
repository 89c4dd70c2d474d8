// Fixed-capacity result of parsing one DNS response: SRV records and A records.
namespace Phone.Core.Dns
{
    /// <summary>Answers of one response; arrays sized once, reused for every response.</summary>
    public sealed class DnsAnswer
    {
        /// <summary>Most SRV records kept from one response; more are ignored.</summary>
        public const int MaxSrv = 8;

        /// <summary>Most A records kept from one response; more are ignored.</summary>
        public const int MaxA = 16;

        /// <summary>RCODE of the response (0 no error, 3 name error).</summary>
        public int ResponseCode;

        /// <summary>SRV records of the answer section.</summary>
        public readonly SrvRecord[] Srv = NewSrvArray();

        /// <summary>Valid entries of <see cref="Srv"/>.</summary>
        public int SrvCount;

        /// <summary>Owner names of A records (answer and additional sections).</summary>
        public readonly string[] AName = new string[MaxA];

        /// <summary>Addresses of A records.</summary>
        public readonly uint[] AAddress = new uint[MaxA];

        /// <summary>TTLs of A records, seconds.</summary>
        public readonly int[] ATtl = new int[MaxA];

        /// <summary>Valid entries of the A arrays.</summary>
        public int ACount;

        /// <summary>Empties the answer for reuse.</summary>
        public void Clear()
        {
            ResponseCode = 0;
            SrvCount = 0;
            ACount = 0;
        }

        /// <summary>The address of an A record owned by <paramref name="name"/> (case-insensitive), or 0.</summary>
        public uint FindAddress(string name, out int ttlSeconds)
        {
            for (int i = 0; i < ACount; i++)
            {
                if (DnsName.EqualsIgnoreCase(AName[i], name))
                {
                    ttlSeconds = ATtl[i];
                    return AAddress[i];
                }
            }
            ttlSeconds = 0;
            return 0;
        }

        private static SrvRecord[] NewSrvArray()
        {
            var records = new SrvRecord[MaxSrv];
            for (int i = 0; i < records.Length; i++) records[i] = new SrvRecord();
            return records;
        }
    }
}
