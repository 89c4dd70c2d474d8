// Transfer events from the call layer to the phone above it (RFC 3515 progress, RFC 3891 replacements).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Optional second listener of <see cref="CallManager"/> (its TransferListener), raised during Receive/Poll/commands.</summary>
    public interface ITransferListener
    {
        /// <summary>
        /// <paramref name="call"/>.Transfer changed state. Transferor: the REFERred call (Succeeded is followed by our
        /// BYE; Failed leaves the call up, still held). Transferee: the call that received the REFER, with
        /// Transfer.NewCall the INVITE to the target.
        /// </summary>
        void OnTransferState(Call call, long nowMs);
    }
}
