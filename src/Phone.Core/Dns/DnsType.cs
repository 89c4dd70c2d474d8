// DNS resource record types the phone asks for (RFC 1035 §3.2.2, RFC 2782).
namespace Phone.Core.Dns
{
    /// <summary>Record types used by the resolver.</summary>
    public static class DnsType
    {
        /// <summary>IPv4 host address (RFC 1035).</summary>
        public const int A = 1;

        /// <summary>Canonical name (RFC 1035).</summary>
        public const int CName = 5;

        /// <summary>Service locator (RFC 2782).</summary>
        public const int Srv = 33;
    }
}
