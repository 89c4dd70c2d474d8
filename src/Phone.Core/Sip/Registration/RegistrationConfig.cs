// Configuration of one SIP registration (RFC 3261 §10.2): address of record, registrar targets, expiry, back-off.
namespace Phone.Core.Sip.Registration
{
    using Phone.Core.Net;

    /// <summary>What to register where. Set at configuration time; the client copies nothing out of it later.</summary>
    public sealed class RegistrationConfig
    {
        /// <summary>Address of record, the From and To URI ("sip:201@pbx.example.com").</summary>
        public string AddressOfRecord;

        /// <summary>Request-URI of the REGISTER: the registrar's domain ("sip:pbx.example.com"), RFC 3261 §10.2.</summary>
        public string RegistrarUri;

        /// <summary>User part of the Contact ("201").</summary>
        public string ContactUser;

        /// <summary>Registrar end points in order of preference (primary, backup …); at least one.</summary>
        public NetEndPoint[] Targets;

        /// <summary>Our address as put in Via and (until a public one is learned) Contact.</summary>
        public uint LocalAddress;

        /// <summary>Transport token for the Via ("UDP", "TCP", "TLS"); not UDP adds ;transport= to the Contact.</summary>
        public string Transport = "UDP";

        /// <summary>Our SIP port.</summary>
        public int LocalPort = 5060;

        /// <summary>Expiry asked for, seconds.</summary>
        public int Expires = 3600;

        /// <summary>Re-register with the address the registrar saw (Via received/rport, RFC 3581) when it differs.</summary>
        public bool LearnPublicAddress = true;

        /// <summary>Back-off base after a failure, seconds (RFC 5626 §4.5 uses 30 s when no flow is up).</summary>
        public int BackoffBaseSeconds = 30;

        /// <summary>Back-off cap, seconds (RFC 5626 §4.5 max-time default 1800 s).</summary>
        public int BackoffMaxSeconds = 1800;

        /// <summary>User-Agent header value; null for none.</summary>
        public string UserAgent;
    }
}
