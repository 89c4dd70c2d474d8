// Counters and gauges of the adaptive jitter buffer.
namespace Phone.Core.Media.Jitter
{
    /// <summary>What the jitter buffer did (properties over one int array: an update allocates nothing).</summary>
    public sealed class JitterBufferStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[16];

        /// <summary>Packets stored.</summary>
        public int PacketsStored { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Packets dropped because the same timestamp was already stored or played.</summary>
        public int Duplicates { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>Packets dropped because their audio had already been played (or concealed).</summary>
        public int Late { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Packets evicted because every slot was full.</summary>
        public int Overflows { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>Packets whose payload did not fit a slot.</summary>
        public int Oversize { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>Packets dropped for a timestamp far from the playout point.</summary>
        public int TimestampJumps { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>Times the timeline restarted (new source, or a timestamp jump that persisted).</summary>
        public int Resyncs { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>Frames played.</summary>
        public int FramesPlayed { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>
        /// Frames that contained any concealed sample. Playout frames need not line up with packets, so one lost
        /// packet usually touches two frames: <see cref="ConcealedSamples"/> is the amount of audio concealed.
        /// </summary>
        public int ConcealedFrames { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>Samples produced by concealment (lost audio, and frames played while waiting for late audio).</summary>
        public int ConcealedSamples { get => _counts[9]; set => _counts[9] = value; }
        /// <summary>Frames produced while waiting for late audio (delay grown by one frame).</summary>
        public int Underruns { get => _counts[10]; set => _counts[10] = value; }
        /// <summary>Samples inserted by time-scaling (delay grown).</summary>
        public int SamplesInserted { get => _counts[11]; set => _counts[11] = value; }
        /// <summary>Samples dropped by time-scaling (delay shrunk).</summary>
        public int SamplesDropped { get => _counts[12]; set => _counts[12] = value; }
        /// <summary>
        /// Of <see cref="SamplesInserted"/> and <see cref="SamplesDropped"/>, those added or dropped in frames with
        /// speech (at most one per frame; the rest went into quiet frames).
        /// </summary>
        public int SpeechSamplesScaled { get => _counts[13]; set => _counts[13] = value; }
        /// <summary>Current target playout delay, ms (20..200).</summary>
        public int TargetDelayMs { get => _counts[14]; set => _counts[14] = value; }
        /// <summary>Current playout delay over the earliest-arriving packet, ms.</summary>
        public int CurrentDelayMs { get => _counts[15]; set => _counts[15] = value; }
    }
}
