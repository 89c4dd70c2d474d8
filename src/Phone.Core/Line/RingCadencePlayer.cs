// Ringing voltage cadence sequencer (on/off segments from the country profile; e.g. US 2/4 s, GB 0.4/0.2/0.4/2.0 s).
namespace Phone.Core.Line
{
    /// <summary>
    /// Walks an on/off cadence in time. Time is passed in: <see cref="Poll"/> advances to nowMs and returns the
    /// next segment boundary. Segment 0 is "on". Counts completed "on" bursts so the line logic can place
    /// caller ID after the first ring.
    /// </summary>
    public sealed class RingCadencePlayer
    {
        private int[] _cadence;
        private int _segment;
        private long _segmentStart;
        private bool _running;

        /// <summary>True between Start and Stop.</summary>
        public bool IsRunning => _running;

        /// <summary>True while the current segment is a ringing burst.</summary>
        public bool IsRingOn => _running && (_segment & 1) == 0;

        /// <summary>Index of the current segment within the cadence.</summary>
        public int Segment => _segment;

        /// <summary>When the current segment began.</summary>
        public long SegmentStartMs => _segmentStart;

        /// <summary>Length of the current segment in ms.</summary>
        public int SegmentMs => _running ? _cadence[_segment] : 0;

        /// <summary>Bursts that have finished since Start.</summary>
        public int CompletedBursts { get; private set; }

        /// <summary>Starts the cadence with a burst at <paramref name="nowMs"/>.</summary>
        public void Start(int[] cadenceMs, long nowMs)
        {
            _cadence = cadenceMs;
            _segment = 0;
            _segmentStart = nowMs;
            CompletedBursts = 0;
            _running = cadenceMs != null && cadenceMs.Length >= 2;
        }

        /// <summary>Stops; IsRingOn becomes false.</summary>
        public void Stop()
        {
            _running = false;
        }

        /// <summary>
        /// Advances to <paramref name="nowMs"/> (one boundary per call at most, so a caller that polls late still
        /// sees every segment); returns the next boundary, or long.MaxValue when stopped.
        /// </summary>
        public long Poll(long nowMs)
        {
            if (!_running)
            {
                return long.MaxValue;
            }

            long end = _segmentStart + _cadence[_segment];
            if (nowMs >= end)
            {
                if ((_segment & 1) == 0)
                {
                    CompletedBursts++;
                }

                _segment = (_segment + 1) % _cadence.Length;
                _segmentStart = end;
                end = _segmentStart + _cadence[_segment];
            }

            return end;
        }
    }
}
