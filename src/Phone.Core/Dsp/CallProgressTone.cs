// The call-progress tones a country profile defines (ITU-T E.180 §3, E.182).
namespace Phone.Core.Dsp
{
    /// <summary>Which tone to play; see <see cref="CountryProfile.GetTone"/>.</summary>
    public enum CallProgressTone : byte
    {
        /// <summary>No tone.</summary>
        None = 0,

        /// <summary>Dial tone: ready to receive digits (E.180 §3.1).</summary>
        Dial = 1,

        /// <summary>Stutter dial tone: dial tone with a message waiting or a feature active.</summary>
        StutterDial = 2,

        /// <summary>Ringing tone heard by the caller (E.180 §3.2).</summary>
        Ringback = 3,

        /// <summary>Busy tone: called party busy (E.180 §3.3).</summary>
        Busy = 4,

        /// <summary>Congestion / reorder tone: network path busy (E.180 §3.4).</summary>
        Congestion = 5,

        /// <summary>Call waiting tone, mixed under speech (E.180 §3.6).</summary>
        CallWaiting = 6,

        /// <summary>Dial tone played while the cloud PBX is unreachable and the phone runs on local survivability.</summary>
        SurvivabilityDial = 7,
    }
}
