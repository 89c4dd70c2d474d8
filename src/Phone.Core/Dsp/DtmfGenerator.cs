// In-band DTMF generator (ITU-T Q.23 frequencies; levels within Q.24 limits: low group -7 dBm0, high group -5 dBm0).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Plays one DTMF digit for a set duration into 8 kHz frames. The high group is 2 dB above the low group
    /// (the usual pre-emphasis against line loss at higher frequencies, well inside the 4 dB normal-twist limit).
    /// Allocation-free after construction.
    /// </summary>
    public sealed class DtmfGenerator
    {
        private uint _phaseLow;
        private uint _phaseHigh;
        private uint _incLow;
        private uint _incHigh;
        private int _ampLow;
        private int _ampHigh;
        private int _samplesLeft;

        /// <summary>Creates a generator with the default levels (-7 / -5 dBm0).</summary>
        public DtmfGenerator()
        {
            LowGroupDbm0 = -7;
            HighGroupDbm0 = -5;
        }

        /// <summary>Level of the low-group (row) tone in dBm0; read at <see cref="Start"/>.</summary>
        public int LowGroupDbm0 { get; set; }

        /// <summary>Level of the high-group (column) tone in dBm0; read at <see cref="Start"/>.</summary>
        public int HighGroupDbm0 { get; set; }

        /// <summary>True while the digit is still sounding.</summary>
        public bool IsPlaying => _samplesLeft > 0;

        /// <summary>Starts <paramref name="digit"/> for <paramref name="durationMs"/>; false for an unknown digit.</summary>
        public bool Start(char digit, int durationMs)
        {
            int index = DtmfDigits.IndexOf(digit);
            if (index < 0 || durationMs <= 0)
            {
                _samplesLeft = 0;
                return false;
            }

            _incLow = SineTable.PhaseIncrement(DtmfDigits.RowHz(index >> 2));
            _incHigh = SineTable.PhaseIncrement(DtmfDigits.ColumnHz(index & 3));
            _ampLow = Dbm0.ToPeak(LowGroupDbm0);
            _ampHigh = Dbm0.ToPeak(HighGroupDbm0);
            _phaseLow = 0;
            _phaseHigh = 0;
            _samplesLeft = durationMs * (SineTable.SampleRate / 1000);
            return true;
        }

        /// <summary>Stops the digit at once.</summary>
        public void Stop()
        {
            _samplesLeft = 0;
        }

        /// <summary>Writes the digit (then silence) into frame[offset .. offset+count); returns the tone samples written.</summary>
        [HotPath]
        public int Fill(short[] frame, int offset, int count)
        {
            return Render(frame, offset, count, false);
        }

        /// <summary>Adds the digit to frame[offset .. offset+count) with saturation; returns the tone samples added.</summary>
        [HotPath]
        public int Mix(short[] frame, int offset, int count)
        {
            return Render(frame, offset, count, true);
        }

        [HotPath]
        private int Render(short[] frame, int offset, int count, bool mix)
        {
            int run = count < _samplesLeft ? count : _samplesLeft;
            uint pl = _phaseLow;
            uint ph = _phaseHigh;
            for (int i = 0; i < run; i++)
            {
                int s = ((SineTable.Sin(pl) * _ampLow) >> 15) + ((SineTable.Sin(ph) * _ampHigh) >> 15);
                pl += _incLow;
                ph += _incHigh;
                if (mix)
                {
                    s += frame[offset + i];
                }

                frame[offset + i] = ToneGenerator.Saturate(s);
            }

            _phaseLow = pl;
            _phaseHigh = ph;
            _samplesLeft -= run;
            if (!mix)
            {
                for (int i = run; i < count; i++)
                {
                    frame[offset + i] = 0;
                }
            }

            return run;
        }
    }
}
