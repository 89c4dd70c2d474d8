// Reports the local-survivability call log to the PBX as a SIP MESSAGE (RFC 3428, text/plain) once registered again.
namespace Phone.Core.Resilience
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// When the registration succeeds and the <see cref="LocalCallLog"/> holds records, sends one MESSAGE to
    /// <c>reportUri</c> through the registrar in use, with the body of <see cref="LocalCallLog.WriteReport"/>. A 2xx
    /// clears the log; a 401/407 is answered with digest credentials (RFC 3261 §22.2, at most twice); any other
    /// outcome keeps the log for the next registration. Forward the transaction events of transactions whose Owner
    /// is this object.
    /// </summary>
    public sealed class LocalCallReporter : AuthenticatedRequestSender
    {
        private readonly LocalCallLog _log;

        /// <summary>
        /// Creates the reporter with buffers of its own. <paramref name="auth"/> may be null (no credentials: a challenge
        /// ends the attempt).
        /// </summary>
        public LocalCallReporter(LocalCallLog log, TransactionLayer layer, DigestClient auth, string fromAor, string reportUri,
            uint localAddress, int localPort, System.Random random)
            : this(log, layer, auth, fromAor, reportUri, localAddress, localPort, random, new SipScratch(2048, SipScratch.DefaultAuthBytes))
        {
        }

        /// <summary>
        /// Creates the reporter writing in <paramref name="scratch"/>, shared with the phone's other request writers. The
        /// report is written into the request itself, again for each attempt (a digest resend carries the log as it is then).
        /// </summary>
        public LocalCallReporter(LocalCallLog log, TransactionLayer layer, DigestClient auth, string fromAor, string reportUri,
            uint localAddress, int localPort, System.Random random, SipScratch scratch)
            : base(layer, auth, SipMethod.Message, reportUri, fromAor, reportUri, scratch, localAddress, localPort, random)
        {
            _log = log;
        }

        /// <summary>Reports accepted by the PBX (2xx).</summary>
        public int Reported { get; private set; }

        /// <summary>Sends the report on every 2xx to REGISTER (subscribe to <see cref="RegistrationClient.Registered"/>).</summary>
        public void Attach(RegistrationClient registration)
        {
            registration.Registered += (r, code, now) => TrySend(r.Target, now);
        }

        /// <summary>Sends the log to <paramref name="registrar"/> now when it holds records and nothing is in flight.</summary>
        public bool TrySend(NetEndPoint registrar, long nowMs)
        {
            if (Busy || _log.Count == 0) return false;
            // A report that cannot fit the request is not started (nothing is in the scratch now: it may be tried there).
            byte[] scratch = Scratch.Transmit;
            if (_log.WriteReport(scratch, 0, scratch.Length, nowMs) < 0) return false;
            // A new Call-ID per report: each is a stand-alone request (RFC 3428 §7).
            return Begin(registrar, nowMs);
        }

        /// <inheritdoc/>
        protected override void OnAccepted()
        {
            Reported++;
            _log.Clear();
        }

        /// <inheritdoc/>
        protected override bool StillWanted => _log.Count > 0;

        /// <inheritdoc/>
        protected override string ContentType => "text/plain";

        /// <inheritdoc/>
        protected override int WriteBody(byte[] buffer, int offset, int capacity, long nowMs) => _log.WriteReport(buffer, offset, capacity, nowMs);
    }
}
