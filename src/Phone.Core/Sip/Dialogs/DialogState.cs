// Dialog states (RFC 3261 §12: early after a 1xx with a To tag, confirmed after a 2xx).
namespace Phone.Core.Sip.Dialogs
{
    /// <summary>State of one dialog slot.</summary>
    public enum DialogState : byte
    {
        /// <summary>Slot unused.</summary>
        Free,
        /// <summary>Created by a provisional response with a To tag (RFC 3261 §12.1).</summary>
        Early,
        /// <summary>Created or confirmed by a 2xx (RFC 3261 §12.1).</summary>
        Confirmed,
        /// <summary>Ended (BYE, non-2xx final for an early dialog); the slot is released by the owner.</summary>
        Terminated,
    }
}
