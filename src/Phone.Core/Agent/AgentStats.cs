// Counters of one phone agent for the status page and the call report (media, DTMF, tones).
namespace Phone.Core.Agent
{
    /// <summary>What a <see cref="PhoneAgent"/> did; plain fields, updated in place.</summary>
    public sealed class AgentStats
    {
        /// <summary>Audio ticks run (20 ms frames).</summary>
        public int AudioTicks;

        /// <summary>Frames played with no media session (tone or silence only).</summary>
        public int ToneOnlyFrames;

        /// <summary>Media sessions created (one per call that got media).</summary>
        public int MediaStarts;

        /// <summary>Media updates of a running session (hold, resume, direction change).</summary>
        public int MediaUpdates;

        /// <summary>Media sessions stopped.</summary>
        public int MediaStops;

        /// <summary>DTMF digits started as RFC 4733 events.</summary>
        public int DtmfSent;

        /// <summary>DTMF digits refused (no call, no telephone-event negotiated, not a DTMF key, queue full).</summary>
        public int DtmfRefused;

        /// <summary>DTMF digits received as RFC 4733 events.</summary>
        public int DtmfReceived;

        /// <summary>Received digits lost because nobody read them (queue full).</summary>
        public int DtmfOverflows;

        /// <summary>Tone changes requested by the line.</summary>
        public int ToneChanges;

        /// <summary>Times the ringer was switched on.</summary>
        public int RingerStarts;

        /// <summary>Calls placed by Dial or the keypad.</summary>
        public int CallsPlaced;

        /// <summary>Dial commands that placed no call (busy line, no route, no free slot).</summary>
        public int DialFailures;

        /// <summary>Calls placed straight to a desk of the office directory.</summary>
        public int DirectoryCalls;

        /// <summary>Emergency numbers sent to the emergency route in local survivability mode.</summary>
        public int EmergencyCalls;

        /// <summary>Registrar name lookups that gave no address (no answer, nothing cached); each is retried.</summary>
        public int DnsFailures;

        /// <summary>New DNS answers for the registrar name that changed its addresses (asked again when no registrar answers).</summary>
        public int RegistrarMoves;
    }
}
