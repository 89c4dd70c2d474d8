// On-hook caller ID audio: optional DT-AS, channel seizure, mark signal and UART-framed 1200 baud FSK
// (Telcordia GR-30-CORE §3; ETSI EN 300 659-1 §6.1 and EN 300 659-2 §5).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Streams a caller ID burst into 8 kHz frames, phase-continuous. Sequence:
    /// [dual-tone alerting signal 2130+2750 Hz for 100 ms, then 100 ms silence] (ETSI before-ring only),
    /// channel seizure (alternating 0/1, first bit 0), mark signal (1s), then each byte as start bit 0,
    /// 8 data bits LSB first, stop bit 1. Bit edges fall on round(n * 8000 / 1200), so 1200 baud holds exactly
    /// on average. Allocation-free after construction; the message is copied at <see cref="Start"/>.
    /// </summary>
    public sealed class CallerIdGenerator
    {
        /// <summary>Seizure bits for Bell 202 and ETSI (GR-30 §3.1.2; EN 300 659-2 §5.2: 300 bits).</summary>
        public const int DefaultSeizureBits = 300;

        /// <summary>Mark bits after the seizure (GR-30: 180; EN 300 659-2: 180 ± 25).</summary>
        public const int DefaultMarkBits = 180;

        /// <summary>Mark bits when a DT-AS precedes the data (EN 300 659-2 §5.2: 80 ± 25).</summary>
        public const int AlertedMarkBits = 80;

        private const int AlertSamples = 800;
        private const int AlertGapSamples = 800;
        private const int BaudRate = 1200;

        private readonly byte[] _message = new byte[CallerIdMessage.MaxBytes + 16];
        private int _messageLength;
        private int _seizureBits;
        private int _markBits;
        private int _totalBits;
        private int _preambleSamples;
        private int _alertSamplesLeft;
        private int _sample;
        private int _bit;
        private int _nextEdge;
        private uint _phase;
        private uint _markInc;
        private uint _spaceInc;
        private uint _alertPhase1;
        private uint _alertPhase2;
        private int _amplitude;
        private int _alertAmplitude;
        private bool _active;

        /// <summary>Creates a generator sending FSK at -13 dBm0 (GR-30 §3.1.5 nominal -13.5 dBm).</summary>
        public CallerIdGenerator()
        {
            LevelDbm0 = -13;
        }

        /// <summary>FSK level in dBm0; read at <see cref="Start"/>.</summary>
        public int LevelDbm0 { get; set; }

        /// <summary>True until the last stop bit has been written.</summary>
        public bool IsActive => _active;

        /// <summary>Samples the whole burst takes (valid after Start).</summary>
        public int TotalSamples => _preambleSamples + EdgeOf(_totalBits);

        /// <summary>
        /// Starts a burst carrying message[offset .. offset+count). <paramref name="alert"/> prefixes the ETSI
        /// dual-tone alerting signal (on-hook data before ringing after a line reversal). Returns false if the
        /// message is empty or longer than <see cref="CallerIdMessage.MaxBytes"/> + 16.
        /// </summary>
        public bool Start(FskModem modem, byte[] message, int offset, int count, int seizureBits, int markBits, bool alert)
        {
            if (message == null || count <= 0 || count > _message.Length || offset < 0 || offset + count > message.Length)
            {
                _active = false;
                return false;
            }

            System.Array.Copy(message, offset, _message, 0, count);
            _messageLength = count;
            _seizureBits = seizureBits < 0 ? 0 : seizureBits;
            _markBits = markBits < 0 ? 0 : markBits;
            _totalBits = _seizureBits + _markBits + (10 * count);
            _markInc = SineTable.PhaseIncrement(modem == FskModem.Bell202 ? 1200 : 1300);
            _spaceInc = SineTable.PhaseIncrement(modem == FskModem.Bell202 ? 2200 : 2100);
            _amplitude = Dbm0.ToPeak(LevelDbm0);
            _alertAmplitude = Dbm0.ToPeak(LevelDbm0 - 3);
            _preambleSamples = alert ? AlertSamples + AlertGapSamples : 0;
            _alertSamplesLeft = _preambleSamples;
            _alertPhase1 = 0;
            _alertPhase2 = 0;
            _phase = 0;
            _sample = 0;
            _bit = 0;
            _nextEdge = EdgeOf(1);
            _active = true;
            return true;
        }

        /// <summary>Starts a burst with the defaults for a modem: 300 seizure bits, then 180 mark bits (80 after a DT-AS).</summary>
        public bool Start(FskModem modem, byte[] message, int offset, int count, bool alert)
        {
            return Start(modem, message, offset, count, DefaultSeizureBits, alert ? AlertedMarkBits : DefaultMarkBits, alert);
        }

        /// <summary>
        /// Starts the burst a country's caller ID method needs: Bell 202 after the first ring, V.23 after the
        /// first ring, or V.23 with the DT-AS before ringing. False for None and DtmfBeforeRing (use
        /// <see cref="DtmfCallerIdGenerator"/>). The line needs <see cref="TotalSamples"/> / 8 ms for it.
        /// </summary>
        public bool Start(CallerIdMethod method, byte[] message, int offset, int count)
        {
            switch (method)
            {
                case CallerIdMethod.Bell202AfterFirstRing:
                    return Start(FskModem.Bell202, message, offset, count, false);
                case CallerIdMethod.V23AfterFirstRing:
                    return Start(FskModem.V23, message, offset, count, false);
                case CallerIdMethod.V23BeforeRing:
                    return Start(FskModem.V23, message, offset, count, true);
                default:
                    _active = false;
                    return false;
            }
        }

        /// <summary>
        /// Writes the next samples of the burst into frame[offset .. offset+count), silence after its end;
        /// returns the burst samples written (less than count at the end).
        /// </summary>
        [HotPath]
        public int Fill(short[] frame, int offset, int count)
        {
            int written = 0;
            int i = 0;
            while (i < count && _active)
            {
                if (_alertSamplesLeft > 0)
                {
                    int s = 0;
                    if (_alertSamplesLeft > AlertGapSamples)
                    {
                        s = ((SineTable.Sin(_alertPhase1) + SineTable.Sin(_alertPhase2)) * _alertAmplitude) >> 15;
                        _alertPhase1 += DtAsInc1;
                        _alertPhase2 += DtAsInc2;
                    }

                    frame[offset + i] = (short)s;
                    _alertSamplesLeft--;
                    i++;
                    written++;
                    continue;
                }

                int bit = BitAt(_bit);
                frame[offset + i] = (short)((SineTable.Sin(_phase) * _amplitude) >> 15);
                _phase += bit != 0 ? _markInc : _spaceInc;
                i++;
                written++;
                _sample++;
                if (_sample >= _nextEdge)
                {
                    _bit++;
                    if (_bit >= _totalBits)
                    {
                        _active = false;
                    }
                    else
                    {
                        _nextEdge = EdgeOf(_bit + 1);
                    }
                }
            }

            for (; i < count; i++)
            {
                frame[offset + i] = 0;
            }

            return written;
        }

        /// <summary>Renders the whole burst into buffer[offset ..]; returns the samples written (see TotalSamples).</summary>
        public int Render(short[] buffer, int offset)
        {
            int total = 0;
            while (_active && offset + total < buffer.Length)
            {
                int chunk = buffer.Length - offset - total;
                if (chunk > 160)
                {
                    chunk = 160;
                }

                total += Fill(buffer, offset + total, chunk);
            }

            return total;
        }

        // DT-AS frequencies 2130 Hz and 2750 Hz (EN 300 659-1 §6.1.1): phase increments at 8 kHz.
        private static readonly uint DtAsInc1 = SineTable.PhaseIncrement(2130);
        private static readonly uint DtAsInc2 = SineTable.PhaseIncrement(2750);

        [HotPath]
        private int BitAt(int n)
        {
            if (n < _seizureBits)
            {
                return n & 1;
            }

            n -= _seizureBits;
            if (n < _markBits)
            {
                return 1;
            }

            n -= _markBits;
            int pos = n % 10;
            if (pos == 0)
            {
                return 0;
            }

            if (pos == 9)
            {
                return 1;
            }

            return (_message[n / 10] >> (pos - 1)) & 1;
        }

        private static int EdgeOf(int bits)
        {
            return (int)((((long)bits * SineTable.SampleRate) + (BaudRate / 2)) / BaudRate);
        }
    }
}
