// Counters of one phone agent for the status page and the call report (media, DTMF, tones).
namespace Phone.Core.Agent
{
    /// <summary>What a <see cref="PhoneAgent"/> did; counters updated in place.</summary>
    public sealed class AgentStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[17];

        /// <summary>Audio ticks run (20 ms frames).</summary>
        public int AudioTicks { get => _counts[0]; set => _counts[0] = value; }

        /// <summary>Frames played with no media session (tone or silence only).</summary>
        public int ToneOnlyFrames { get => _counts[1]; set => _counts[1] = value; }

        /// <summary>Media sessions created (one per call that got media).</summary>
        public int MediaStarts { get => _counts[2]; set => _counts[2] = value; }

        /// <summary>Media updates of a running session (hold, resume, direction change).</summary>
        public int MediaUpdates { get => _counts[3]; set => _counts[3] = value; }

        /// <summary>Media sessions stopped.</summary>
        public int MediaStops { get => _counts[4]; set => _counts[4] = value; }

        /// <summary>DTMF digits started as RFC 4733 events.</summary>
        public int DtmfSent { get => _counts[5]; set => _counts[5] = value; }

        /// <summary>DTMF digits refused (no call, no telephone-event negotiated, not a DTMF key, queue full).</summary>
        public int DtmfRefused { get => _counts[6]; set => _counts[6] = value; }

        /// <summary>DTMF digits received as RFC 4733 events.</summary>
        public int DtmfReceived { get => _counts[7]; set => _counts[7] = value; }

        /// <summary>Received digits lost because nobody read them (queue full).</summary>
        public int DtmfOverflows { get => _counts[8]; set => _counts[8] = value; }

        /// <summary>Tone changes requested by the line.</summary>
        public int ToneChanges { get => _counts[9]; set => _counts[9] = value; }

        /// <summary>Times the ringer was switched on.</summary>
        public int RingerStarts { get => _counts[10]; set => _counts[10] = value; }

        /// <summary>Calls placed by Dial or the keypad.</summary>
        public int CallsPlaced { get => _counts[11]; set => _counts[11] = value; }

        /// <summary>Dial commands that placed no call (busy line, no route, no free slot).</summary>
        public int DialFailures { get => _counts[12]; set => _counts[12] = value; }

        /// <summary>Calls placed straight to a desk of the office directory.</summary>
        public int DirectoryCalls { get => _counts[13]; set => _counts[13] = value; }

        /// <summary>Emergency numbers sent to the emergency route in local survivability mode.</summary>
        public int EmergencyCalls { get => _counts[14]; set => _counts[14] = value; }

        /// <summary>Registrar name lookups that gave no address (no answer, nothing cached); each is retried.</summary>
        public int DnsFailures { get => _counts[15]; set => _counts[15] = value; }

        /// <summary>New DNS answers for the registrar name that changed its addresses (asked again when no registrar answers).</summary>
        public int RegistrarMoves { get => _counts[16]; set => _counts[16] = value; }
    }
}
