// How on-hook caller ID is delivered on the analog line (Telcordia GR-30-CORE; ETSI EN 300 659-1 §6; BT SIN 227).
namespace Phone.Core.Dsp
{
    /// <summary>Caller ID delivery method of a country profile.</summary>
    public enum CallerIdMethod : byte
    {
        /// <summary>No caller ID.</summary>
        None = 0,

        /// <summary>Bell 202 FSK in the silent interval after the first ring (GR-30-CORE §3).</summary>
        Bell202AfterFirstRing = 1,

        /// <summary>V.23 FSK after the first ring (EN 300 659-1 §6.1.2, used e.g. in Germany).</summary>
        V23AfterFirstRing = 2,

        /// <summary>
        /// V.23 FSK before ringing: line reversal, dual-tone alerting signal, FSK, then ringing
        /// (EN 300 659-1 §6.1.1 DT-AS; BT SIN 227).
        /// </summary>
        V23BeforeRing = 3,

        /// <summary>DTMF caller ID before ringing, after a line reversal (EN 300 659-1 Annex B style).</summary>
        DtmfBeforeRing = 4,
    }
}
