// FSK modems used for on-hook data: Bell 202 (GR-30-CORE §3.1) and ITU-T V.23 (ETSI EN 300 659-2 §5).
namespace Phone.Core.Dsp
{
    /// <summary>1200 baud FSK variant.</summary>
    public enum FskModem : byte
    {
        /// <summary>Bell 202: mark (1) 1200 Hz, space (0) 2200 Hz.</summary>
        Bell202 = 1,

        /// <summary>ITU-T V.23 forward channel: mark (1) 1300 Hz, space (0) 2100 Hz.</summary>
        V23 = 2,
    }
}
