// States of the phone's line (desk handset or FXS port) above the calls.
namespace Phone.Core.Sip.Calls
{
    /// <summary>State of <see cref="PhoneLine"/>; names in <see cref="PhoneStateNames"/>.</summary>
    public enum PhoneState : byte
    {
        /// <summary>On hook, nothing happening.</summary>
        OnHook,
        /// <summary>Off hook, dial tone, no digit yet.</summary>
        DialTone,
        /// <summary>Collecting digits against the dial plan.</summary>
        Dialing,
        /// <summary>Outgoing call placed (ringback once the far end rings).</summary>
        Calling,
        /// <summary>On hook with an incoming call: ringing.</summary>
        Ringing,
        /// <summary>Off hook in a connected call.</summary>
        Talking,
        /// <summary>Off hook after a failed or ended call: busy/reorder tone until on-hook.</summary>
        Finished,
        /// <summary>Off hook after a blind transfer was asked for (REFER sent): waiting for its outcome (RFC 3515).</summary>
        Transferring,
    }
}
