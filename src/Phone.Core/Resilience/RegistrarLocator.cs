// Registrar targets from DNS when provisioning gives a domain instead of addresses (RFC 3263 §4.2, RFC 2782 SRV order).
namespace Phone.Core.Resilience
{
    using Phone.Core.Dns;
    using Phone.Core.Net;

    /// <summary>
    /// Resolves "_sip._udp.&lt;domain&gt;" through our <see cref="DnsResolver"/> (priority, then weighted order;
    /// TTL cache; the last answer when DNS is down), falling back to the domain's A record with the default port, and
    /// copies the ordered end points into a registrar target array: the first is the primary, the rest backups.
    /// A registrar given as an IPv4 literal needs no lookup (<see cref="NeedsLookup"/>).
    /// </summary>
    public sealed class RegistrarLocator
    {
        private readonly DnsResolver _resolver;

        /// <summary>Creates the locator over <paramref name="resolver"/>.</summary>
        public RegistrarLocator(DnsResolver resolver) => _resolver = resolver;

        /// <summary>True when the lookup finished with at least one target (possibly from a stale cache).</summary>
        public bool IsDone => _resolver.State == DnsResolveState.Done;

        /// <summary>True when DNS gave nothing and nothing was cached.</summary>
        public bool IsFailed => _resolver.State == DnsResolveState.Failed;

        /// <summary>Targets found.</summary>
        public int Count => IsDone ? _resolver.TargetCount : 0;

        /// <summary>True when the targets come from an expired cache entry because DNS did not answer.</summary>
        public bool FromStaleCache => _resolver.FromStaleCache;

        /// <summary>True when <paramref name="host"/> is a name to resolve, false for an IPv4 literal.</summary>
        public static bool NeedsLookup(string host)
        {
            uint a;
            return host != null && host.Length > 0 && !NetEndPoint.TryParseAddress(host, out a);
        }

        /// <summary>Starts locating the registrar of <paramref name="domain"/> over UDP (default port 5060 for the A fallback).</summary>
        public void Begin(string domain, int defaultPort, long nowMs) => Begin(domain, defaultPort, false, nowMs);

        /// <summary>
        /// Starts locating the registrar of <paramref name="domain"/>. With <paramref name="portGiven"/> (the
        /// provisioned registrar named a port) only the A record is asked, as RFC 3263 §4.2 says: no SRV lookup.
        /// </summary>
        public void Begin(string domain, int port, bool portGiven, long nowMs)
        {
            _resolver.Begin(portGiven ? null : "_sip._udp." + domain, domain, port, nowMs);
        }

        /// <summary>Drives the lookup; returns when to call again (long.MaxValue when finished).</summary>
        public long Poll(long nowMs) => _resolver.Poll(nowMs);

        /// <summary>Copies up to targets.Length end points in the order to try them; returns how many.</summary>
        public int CopyTargets(NetEndPoint[] targets)
        {
            int n = Count;
            if (n > targets.Length) n = targets.Length;
            for (int i = 0; i < n; i++)
            {
                SrvRecord r = _resolver.Targets[i];
                targets[i] = new NetEndPoint(r.Address, r.Port);
            }
            return n;
        }
    }
}
