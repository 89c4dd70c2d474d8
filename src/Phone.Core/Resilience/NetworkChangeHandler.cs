// Network changes (link down/up, new address): re-register at once with the new Contact instead of waiting for expiry.
namespace Phone.Core.Resilience
{
    using Phone.Core.Sip.Registration;

    /// <summary>
    /// The device's network adapter calls <see cref="OnLinkDown"/>, <see cref="OnLinkUp"/> and
    /// <see cref="OnAddressChanged"/> (after it has re-bound the SIP socket). Link down stops the keep-alive probes, so
    /// a cable pulled from the desk is not taken for a dead PBX; link up or a new address re-registers now
    /// (<see cref="RegistrationClient.OnNetworkChange"/>: the new Contact, the old one removed) and restarts probing.
    /// </summary>
    public sealed class NetworkChangeHandler
    {
        private readonly RegistrationClient _registration;
        private readonly RegistrarMonitor _monitor;
        private readonly LocalCallReporter _reporter;

        /// <summary>Creates the handler; <paramref name="monitor"/> and <paramref name="reporter"/> may be null.</summary>
        public NetworkChangeHandler(RegistrationClient registration, RegistrarMonitor monitor, LocalCallReporter reporter)
        {
            _registration = registration;
            _monitor = monitor;
            _reporter = reporter;
        }

        /// <summary>True between <see cref="OnLinkDown"/> and the next <see cref="OnLinkUp"/> / <see cref="OnAddressChanged"/>.</summary>
        public bool LinkDown { get; private set; }

        /// <summary>Re-registrations started by a network change.</summary>
        public int Reregistrations { get; private set; }

        /// <summary>The link went down: stop probing (misses now say nothing about the PBX).</summary>
        public void OnLinkDown(long nowMs)
        {
            LinkDown = true;
            if (_monitor != null) _monitor.Stop();
        }

        /// <summary>The link is back with <paramref name="localAddress"/>: re-register now (the NAT binding is likely new).</summary>
        public void OnLinkUp(uint localAddress, int localPort, long nowMs) => Rebind(localAddress, localPort, nowMs);

        /// <summary>DHCP gave another address (or the port changed): re-register now with the new Contact.</summary>
        public void OnAddressChanged(uint localAddress, int localPort, long nowMs) => Rebind(localAddress, localPort, nowMs);

        private void Rebind(uint localAddress, int localPort, long nowMs)
        {
            LinkDown = false;
            Reregistrations++;
            if (_monitor != null)
            {
                _monitor.SetLocal(localAddress, localPort);
                _monitor.Start(nowMs);
            }
            if (_reporter != null) _reporter.SetLocal(localAddress, localPort);
            _registration.OnNetworkChange(localAddress, localPort, nowMs);
        }
    }
}
