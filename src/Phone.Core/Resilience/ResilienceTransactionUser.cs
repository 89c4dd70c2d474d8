// Routes the client transaction events of the resilience parts (keep-alive probes, call-log MESSAGE, stale-binding REGISTER) to their owner.
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// For a UA core that owns the transaction layer (CallManager.OtherClients): events of transactions whose Owner
    /// is <see cref="Monitor"/> or <see cref="Reporter"/> go to them; anything else is ignored. Requests never
    /// arrive here (the UA core answers them).
    /// </summary>
    public sealed class ResilienceTransactionUser : ITransactionUser
    {
        /// <summary>The keep-alive monitor (may be null).</summary>
        public RegistrarMonitor Monitor;

        /// <summary>The call-log reporter (may be null).</summary>
        public LocalCallReporter Reporter;

        /// <summary>The remover of the binding left at the backup after fail-back (may be null).</summary>
        public StaleBindingRemover Remover;

        /// <inheritdoc/>
        public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs)
        {
            if (Monitor != null && transaction.Owner == Monitor) Monitor.OnResponse(transaction, response, nowMs);
            else if (Reporter != null && transaction.Owner == Reporter) Reporter.OnResponse(transaction, response, nowMs);
            else if (Remover != null && transaction.Owner == Remover) Remover.OnResponse(transaction, response, nowMs);
        }

        /// <inheritdoc/>
        public void OnTimeout(ClientTransaction transaction, long nowMs)
        {
            if (Monitor != null && transaction.Owner == Monitor) Monitor.OnTimeout(transaction, nowMs);
            else if (Reporter != null && transaction.Owner == Reporter) Reporter.OnTimeout(transaction, nowMs);
            else if (Remover != null && transaction.Owner == Remover) Remover.OnTimeout(transaction, nowMs);
        }

        /// <inheritdoc/>
        public void OnTransportError(ClientTransaction transaction, long nowMs)
        {
            if (Monitor != null && transaction.Owner == Monitor) Monitor.OnTransportError(transaction, nowMs);
            else if (Reporter != null && transaction.Owner == Reporter) Reporter.OnTransportError(transaction, nowMs);
            else if (Remover != null && transaction.Owner == Remover) Remover.OnTransportError(transaction, nowMs);
        }

        /// <inheritdoc/>
        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
        {
        }

        /// <inheritdoc/>
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs)
        {
        }

        /// <inheritdoc/>
        public void OnNoAck(ServerTransaction transaction, long nowMs)
        {
        }
    }
}
