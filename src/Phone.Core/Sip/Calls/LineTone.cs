// Call-progress tones the phone asks the audio side to play (ITU-T E.180 tone meanings).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Tone to play towards the handset / FXS line.</summary>
    public enum LineTone : byte
    {
        /// <summary>Silence.</summary>
        None,
        /// <summary>Dial tone (off hook, no digit yet).</summary>
        Dial,
        /// <summary>Ringback (the far end rings, no early media).</summary>
        Ringback,
        /// <summary>Busy (486/600).</summary>
        Busy,
        /// <summary>Reorder / congestion (no match, failure, far end hung up).</summary>
        Reorder,
        /// <summary>Call-waiting beep (a second call rings during a call).</summary>
        CallWaiting,
    }
}
