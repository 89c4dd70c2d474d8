// Configuration of one SIP registration (RFC 3261 §10.2): address of record, registrar targets, expiry, back-off.
namespace Phone.Core.Sip.Registration
{
    using Phone.Core.Net;

    /// <summary>What to register where. Set at configuration time; the client copies nothing out of it later.</summary>
    public sealed class RegistrationConfig
    {
        // The numbers and the switch in one array: on nanoCLR every field is a 12-byte heap block, an array element 4 bytes.
        private const int LocalAddressAt = 0;
        private const int LocalPortAt = 1;
        private const int ExpiresAt = 2;
        private const int BackoffBaseSecondsAt = 3;
        private const int BackoffMaxSecondsAt = 4;
        private const int FlagsAt = 5;
        private const int Slots = 6;
        private const int LearnPublicAddressFlag = 1;
        private readonly int[] _v = new int[Slots];

        /// <summary>A configuration with the defaults each member documents.</summary>
        public RegistrationConfig()
        {
            _v[LocalPortAt] = 5060;
            _v[ExpiresAt] = 3600;
            _v[BackoffBaseSecondsAt] = 30;
            _v[BackoffMaxSecondsAt] = 1800;
            _v[FlagsAt] = LearnPublicAddressFlag;
        }

        /// <summary>Address of record, the From and To URI ("sip:201@pbx.example.com").</summary>
        public string AddressOfRecord;

        /// <summary>Request-URI of the REGISTER: the registrar's domain ("sip:pbx.example.com"), RFC 3261 §10.2.</summary>
        public string RegistrarUri;

        /// <summary>User part of the Contact ("201").</summary>
        public string ContactUser;

        /// <summary>Registrar end points in order of preference (primary, backup …); at least one.</summary>
        public NetEndPoint[] Targets;

        /// <summary>Our address as put in Via and (until a public one is learned) Contact.</summary>
        public uint LocalAddress { get => unchecked((uint)_v[LocalAddressAt]); set => _v[LocalAddressAt] = unchecked((int)value); }

        /// <summary>Transport token for the Via ("UDP", "TCP", "TLS"); not UDP adds ;transport= to the Contact.</summary>
        public string Transport = "UDP";

        /// <summary>Our SIP port.</summary>
        public int LocalPort { get => _v[LocalPortAt]; set => _v[LocalPortAt] = value; }

        /// <summary>Expiry asked for, seconds.</summary>
        public int Expires { get => _v[ExpiresAt]; set => _v[ExpiresAt] = value; }

        /// <summary>Re-register with the address the registrar saw (Via received/rport, RFC 3581) when it differs.</summary>
        public bool LearnPublicAddress { get => (_v[FlagsAt] & LearnPublicAddressFlag) != 0; set => _v[FlagsAt] = value ? _v[FlagsAt] | LearnPublicAddressFlag : _v[FlagsAt] & ~LearnPublicAddressFlag; }

        /// <summary>Back-off base after a failure, seconds (RFC 5626 §4.5 uses 30 s when no flow is up).</summary>
        public int BackoffBaseSeconds { get => _v[BackoffBaseSecondsAt]; set => _v[BackoffBaseSecondsAt] = value; }

        /// <summary>Back-off cap, seconds (RFC 5626 §4.5 max-time default 1800 s).</summary>
        public int BackoffMaxSeconds { get => _v[BackoffMaxSecondsAt]; set => _v[BackoffMaxSecondsAt] = value; }

        /// <summary>User-Agent header value; null for none.</summary>
        public string UserAgent;
    }
}
