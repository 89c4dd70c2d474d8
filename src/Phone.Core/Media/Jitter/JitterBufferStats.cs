// Counters and gauges of the adaptive jitter buffer.
namespace Phone.Core.Media.Jitter
{
    /// <summary>What the jitter buffer did (public fields: updated per packet/frame without calls).</summary>
    public sealed class JitterBufferStats
    {
        /// <summary>Packets stored.</summary>
        public int PacketsStored;
        /// <summary>Packets dropped because the same timestamp was already stored or played.</summary>
        public int Duplicates;
        /// <summary>Packets dropped because their audio had already been played (or concealed).</summary>
        public int Late;
        /// <summary>Packets evicted because every slot was full.</summary>
        public int Overflows;
        /// <summary>Packets whose payload did not fit a slot.</summary>
        public int Oversize;
        /// <summary>Packets dropped for a timestamp far from the playout point.</summary>
        public int TimestampJumps;
        /// <summary>Times the timeline restarted (new source, or a timestamp jump that persisted).</summary>
        public int Resyncs;
        /// <summary>Frames played.</summary>
        public int FramesPlayed;
        /// <summary>
        /// Frames that contained any concealed sample. Playout frames need not line up with packets, so one lost
        /// packet usually touches two frames: <see cref="ConcealedSamples"/> is the amount of audio concealed.
        /// </summary>
        public int ConcealedFrames;
        /// <summary>Samples produced by concealment (lost audio, and frames played while waiting for late audio).</summary>
        public int ConcealedSamples;
        /// <summary>Frames produced while waiting for late audio (delay grown by one frame).</summary>
        public int Underruns;
        /// <summary>Samples inserted by time-scaling (delay grown).</summary>
        public int SamplesInserted;
        /// <summary>Samples dropped by time-scaling (delay shrunk).</summary>
        public int SamplesDropped;
        /// <summary>
        /// Of <see cref="SamplesInserted"/> and <see cref="SamplesDropped"/>, those added or dropped in frames with
        /// speech (at most one per frame; the rest went into quiet frames).
        /// </summary>
        public int SpeechSamplesScaled;
        /// <summary>Current target playout delay, ms (20..200).</summary>
        public int TargetDelayMs;
        /// <summary>Current playout delay over the earliest-arriving packet, ms.</summary>
        public int CurrentDelayMs;
    }
}
