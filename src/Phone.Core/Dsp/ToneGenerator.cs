// Call-progress tone generator: phase-accumulator oscillators and a cadence sequencer (ITU-T E.180), 8 kHz PCM.
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Plays a <see cref="ToneSpec"/> into 16-bit frames. Phase-accumulator oscillators (no recursive resonator,
    /// so the level never drifts however long a dial tone plays). Allocation-free after construction; one
    /// instance per audio path. The cadence position carries across calls, so any frame size works.
    /// </summary>
    public sealed class ToneGenerator : Phone.Core.Media.IFrameMixer
    {
        private ToneSpec _tone;
        private bool _playing;
        private bool _steady;
        private int _segment;
        private int _samplesLeft;
        private int _cyclesDone;
        private int _amplitude;
        private uint _phase1;
        private uint _phase2;
        private uint _inc1;
        private uint _inc2;
        private uint _altInc1;
        private uint _altInc2;
        private bool _has2;
        private bool _alt1;
        private bool _alt2;

        /// <summary>True while a tone is playing (false after a finite cadence ended, or after Stop).</summary>
        public bool IsPlaying => _playing;

        /// <summary>The tone playing (or last played), null if none.</summary>
        public ToneSpec Tone => _tone;

        /// <summary>Starts <paramref name="tone"/> from the beginning of its cadence; null stops.</summary>
        public void Start(ToneSpec tone)
        {
            _tone = tone;
            if (tone == null)
            {
                _playing = false;
                return;
            }

            _amplitude = Dbm0.ToPeak(tone.LevelDbm0);
            _inc1 = SineTable.PhaseIncrement(tone.Freq1Hz);
            _inc2 = SineTable.PhaseIncrement(tone.Freq2Hz);
            _altInc1 = SineTable.PhaseIncrement(tone.AltFreq1Hz);
            _altInc2 = SineTable.PhaseIncrement(tone.AltFreq2Hz);
            _has2 = tone.Freq2Hz != 0;
            _alt1 = tone.AltFreq1Hz != 0;
            _alt2 = tone.AltFreq2Hz != 0;
            _phase1 = 0;
            _phase2 = 0;
            _segment = 0;
            _cyclesDone = 0;
            int cycleMs = 0;
            for (int i = 0; i < tone.SegmentCount; i++)
            {
                cycleMs += tone.SegmentMs(i);
            }

            // A cadence that adds up to nothing would never advance: play it as a steady tone.
            _steady = cycleMs <= 0;
            _samplesLeft = _steady ? 0 : tone.SegmentMs(0) * (SineTable.SampleRate / 1000);
            _playing = true;
        }

        /// <summary>Stops the tone; following frames are silence (Fill) or untouched (Mix).</summary>
        public void Stop()
        {
            _playing = false;
        }

        /// <summary>Writes the tone into frame[offset .. offset+count) (silence when not playing).</summary>
        [HotPath]
        public void Fill(short[] frame, int offset, int count)
        {
            Render(frame, offset, count, false);
        }

        /// <summary>Adds the tone to frame[offset .. offset+count) with saturation (for tones under speech).</summary>
        [HotPath]
        public void Mix(short[] frame, int offset, int count)
        {
            Render(frame, offset, count, true);
        }

        [HotPath]
        private void Render(short[] frame, int offset, int count, bool mix)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                if (!_playing)
                {
                    if (!mix)
                    {
                        for (; i < end; i++)
                        {
                            frame[i] = 0;
                        }
                    }

                    return;
                }

                int run = end - i;
                int set = ToneSpec.SetMain;
                if (!_steady)
                {
                    if (run > _samplesLeft)
                    {
                        run = _samplesLeft;
                    }

                    set = _tone.SegmentSet(_segment);
                }

                if (set == ToneSpec.SetSilence)
                {
                    if (!mix)
                    {
                        for (int k = 0; k < run; k++)
                        {
                            frame[i + k] = 0;
                        }
                    }
                }
                else
                {
                    bool alt = set == ToneSpec.SetAlternate;
                    uint inc1 = alt ? _altInc1 : _inc1;
                    uint inc2 = alt ? _altInc2 : _inc2;
                    bool two = alt ? _alt2 : _has2;
                    bool one = alt ? _alt1 : true;
                    int amp = _amplitude;
                    uint p1 = _phase1;
                    uint p2 = _phase2;
                    for (int k = 0; k < run; k++)
                    {
                        int s = 0;
                        if (one)
                        {
                            s = SineTable.Sin(p1);
                        }

                        if (two)
                        {
                            s += SineTable.Sin(p2);
                        }

                        s = (s * amp) >> 15;
                        p1 += inc1;
                        p2 += inc2;
                        if (mix)
                        {
                            s += frame[i + k];
                        }

                        frame[i + k] = Saturate(s);
                    }

                    _phase1 = p1;
                    _phase2 = p2;
                }

                i += run;
                if (!_steady)
                {
                    _samplesLeft -= run;
                    if (_samplesLeft <= 0)
                    {
                        NextSegment();
                    }
                }
            }
        }

        [HotPath]
        private void NextSegment()
        {
            _segment++;
            if (_segment >= _tone.SegmentCount)
            {
                _segment = 0;
                _cyclesDone++;
                if (_tone.Repeats > 0 && _cyclesDone >= _tone.Repeats)
                {
                    if (_tone.SteadyAfterRepeats)
                    {
                        _steady = true;
                    }
                    else
                    {
                        _playing = false;
                    }

                    return;
                }
            }

            _samplesLeft = _tone.SegmentMs(_segment) * (SineTable.SampleRate / 1000);
        }

        /// <summary>Clamps to the 16-bit range.</summary>
        [HotPath]
        public static short Saturate(int s)
        {
            if (s > short.MaxValue)
            {
                return short.MaxValue;
            }

            if (s < short.MinValue)
            {
                return short.MinValue;
            }

            return (short)s;
        }
    }
}
