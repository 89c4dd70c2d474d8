// States of one INVITE session (RFC 3261 §13–15) as the phone sees it.
namespace Phone.Core.Sip.Calls
{
    /// <summary>Call state; names in <see cref="CallStateNames"/>.</summary>
    public enum CallState : byte
    {
        /// <summary>Slot unused.</summary>
        Idle,
        /// <summary>Outgoing INVITE sent, nothing but 100 yet (RFC 3261 §13.2.1).</summary>
        Calling,
        /// <summary>Outgoing: a provisional response 101–199 came (remote ringing or early media, §13.2.2.1).</summary>
        Proceeding,
        /// <summary>Incoming INVITE answered 180; the user has not answered yet (§13.3.1.1).</summary>
        Ringing,
        /// <summary>2xx sent or received: the session is established (§13.2.2.4 / §13.3.1.4).</summary>
        Connected,
        /// <summary>CANCEL or BYE sent; waiting for the final response (§9.1, §15.1.1).</summary>
        Terminating,
        /// <summary>Over; <see cref="Call.EndCode"/> says why. The owner frees the slot with Release.</summary>
        Terminated,
    }
}
