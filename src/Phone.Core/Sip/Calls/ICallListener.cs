// Events from the call layer to the phone above it (line/handset state machine, media).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Callbacks raised by <see cref="CallManager"/> during Receive/Poll/commands.</summary>
    public interface ICallListener
    {
        /// <summary>A new incoming call is ringing (180 sent). Answer with CallManager.Answer or reject with Hangup.</summary>
        void OnIncomingCall(Call call, long nowMs);

        /// <summary>The call changed state (see <see cref="Call.State"/>, <see cref="Call.EndCode"/>).</summary>
        void OnCallState(Call call, long nowMs);

        /// <summary>
        /// Media parameters changed (early media, answer, hold/resume, address change): read
        /// <see cref="Call.Media"/> and (re)start or stop the media session.
        /// </summary>
        void OnMediaChanged(Call call, long nowMs);
    }
}
