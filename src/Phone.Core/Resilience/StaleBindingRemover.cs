// Removes our binding at the backup registrar after fail-back (REGISTER Contact ;expires=0, RFC 3261 §10.2.2, §10.3 step 6).
namespace Phone.Core.Resilience
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// Once the registration is bound at a better target than before (fail-back: primary again after the backup), the
    /// binding left at the worse one would make that registrar fork or route calls to a contact that no longer
    /// watches it until it expires (up to the full registration lifetime). This sends one REGISTER with the old
    /// Contact and <c>expires=0</c> to the registrar left behind: a different Call-ID with expiry 0 removes the binding
    /// (RFC 3261 §10.3 step 6). A 401/407 is answered with digest credentials (at most twice); any other outcome is only
    /// counted — the binding then expires by itself. Failover to a worse target sends nothing (the old one is dead).
    /// Forward the transaction events of transactions whose Owner is this object.
    /// </summary>
    public sealed class StaleBindingRemover : AuthenticatedRequestSender
    {
        private readonly string _userAgent;
        private readonly NetEndPoint[] _targets;
        private int _boundIndex = -1;
        private string _boundContact;
        private string _contact;

        /// <summary>
        /// Creates the remover for the registration of <paramref name="addressOfRecord"/> at <paramref name="registrarUri"/>
        /// over <paramref name="targets"/> (the registration's target array, best first). <paramref name="auth"/> may be
        /// null (a challenge then ends the attempt); give it its own DigestClient: the registration's holds the nonce
        /// of the registrar in use (it may be shared with the LocalCallReporter).
        /// </summary>
        public StaleBindingRemover(TransactionLayer layer, DigestClient auth, NetEndPoint[] targets, string addressOfRecord,
            string registrarUri, string userAgent, uint localAddress, int localPort, System.Random random)
            // REGISTER with one Contact and Authorization: ~650 bytes.
            : this(layer, auth, targets, addressOfRecord, registrarUri, userAgent, localAddress, localPort, random, new SipScratch(1024, 512))
        {
        }

        /// <summary>As above, writing the REGISTER in <paramref name="scratch"/>, shared with the phone's other request writers.</summary>
        public StaleBindingRemover(TransactionLayer layer, DigestClient auth, NetEndPoint[] targets, string addressOfRecord,
            string registrarUri, string userAgent, uint localAddress, int localPort, System.Random random, SipScratch scratch)
            : base(layer, auth, SipMethod.Register, registrarUri, addressOfRecord, addressOfRecord, scratch, localAddress, localPort, random)
        {
            _targets = targets;
            _userAgent = userAgent;
        }

        /// <summary>Bindings the left registrar confirmed removed (2xx).</summary>
        public int Removed { get; private set; }

        /// <summary>Index of the target of the last removal, -1 before any.</summary>
        public int LastTargetIndex { get; private set; } = -1;

        /// <summary>Follows <paramref name="registration"/>: every 2xx at a better target than the last one removes the old binding.</summary>
        public void Attach(RegistrationClient registration)
        {
            registration.Registered += OnRegistered;
        }

        private void OnRegistered(RegistrationClient sender, int statusCode, long nowMs)
        {
            int now = sender.TargetIndex;
            int before = _boundIndex;
            string oldContact = _boundContact;
            _boundIndex = now;
            _boundContact = sender.Contact;
            if (before > now && oldContact != null) Remove(before, oldContact, nowMs);
        }

        /// <summary>Sends REGISTER Contact: <paramref name="contact"/>;expires=0 to target <paramref name="index"/> now (false when busy).</summary>
        public bool Remove(int index, string contact, long nowMs)
        {
            if (Busy || index < 0 || index >= _targets.Length) return false;
            _contact = contact;
            LastTargetIndex = index;
            // A Call-ID of our own: the registrar removes a binding whose Call-ID differs when the expiry is 0 (§10.3 step 6).
            return Begin(_targets[index], nowMs);
        }

        /// <inheritdoc/>
        protected override void OnAccepted() => Removed++;

        /// <inheritdoc/>
        protected override void WriteHeaders(SipWriter w)
        {
            w.WriteContact(_contact, 0);
            w.WriteHeader(SipHeaderId.Expires, 0u);
        }

        /// <inheritdoc/>
        protected override string UserAgent => _userAgent;
    }
}
