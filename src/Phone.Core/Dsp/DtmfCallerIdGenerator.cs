// DTMF caller ID before ringing (ETSI EN 300 659-1 Annex B / ES 200 778 style: "A<number>C", absence "B<code>C").
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Streams a DTMF caller ID string into 8 kHz frames: start code, digits, end code 'C', each digit 70 ms
    /// on / 70 ms off at the normal DTMF levels. We use start code 'A' for a number (the Nordic/Dutch form);
    /// markets that use 'D' pass it as the start code. A withheld or unknown number is sent as 'B' + two digits
    /// ("00" unavailable, "10" private) + 'C'. The line layer sends it after the line reversal, before ringing.
    /// </summary>
    public sealed class DtmfCallerIdGenerator
    {
        /// <summary>Tone and pause duration per digit.</summary>
        public const int DigitMs = 70;

        private const int MaxDigits = 24;
        private readonly char[] _digits = new char[MaxDigits];
        private readonly DtmfGenerator _dtmf = new DtmfGenerator();
        private int _count;
        private int _index;
        private int _pauseLeft;
        private bool _active;

        /// <summary>True until the last pause has been written.</summary>
        public bool IsActive => _active;

        /// <summary>The digit string being sent (for logs and tests).</summary>
        public string Digits => new string(_digits, 0, _count);

        /// <summary>
        /// Starts sending <paramref name="number"/> (digits 0-9 only, at most 20) framed by
        /// <paramref name="startCode"/> and 'C'. A null/empty number sends the absence code for
        /// <paramref name="absentReason"/> ('P' private, otherwise unavailable). False if the number has other characters.
        /// </summary>
        public bool Start(string number, char startCode, char absentReason)
        {
            _count = 0;
            _active = false;
            if (number == null || number.Length == 0)
            {
                _digits[_count++] = 'B';
                _digits[_count++] = absentReason == CallerIdMessage.Private ? '1' : '0';
                _digits[_count++] = '0';
            }
            else
            {
                if (number.Length > MaxDigits - 2)
                {
                    return false;
                }

                _digits[_count++] = startCode;
                for (int i = 0; i < number.Length; i++)
                {
                    char c = number[i];
                    if (c < '0' || c > '9')
                    {
                        _count = 0;
                        return false;
                    }

                    _digits[_count++] = c;
                }
            }

            _digits[_count++] = 'C';
            _index = 0;
            _pauseLeft = 0;
            _dtmf.Start(_digits[0], DigitMs);
            _active = true;
            return true;
        }

        /// <summary>Total samples of the burst.</summary>
        public int TotalSamples => _count * 2 * DigitMs * (SineTable.SampleRate / 1000);

        /// <summary>Writes the next samples into frame[offset .. offset+count); returns burst samples written.</summary>
        [HotPath]
        public int Fill(short[] frame, int offset, int count)
        {
            int i = 0;
            while (i < count && _active)
            {
                if (_dtmf.IsPlaying)
                {
                    int n = _dtmf.Fill(frame, offset + i, count - i);
                    i += n;
                    if (!_dtmf.IsPlaying)
                    {
                        _pauseLeft = DigitMs * (SineTable.SampleRate / 1000);
                    }

                    continue;
                }

                if (_pauseLeft > 0)
                {
                    frame[offset + i] = 0;
                    i++;
                    _pauseLeft--;
                    continue;
                }

                _index++;
                if (_index >= _count)
                {
                    _active = false;
                    break;
                }

                _dtmf.Start(_digits[_index], DigitMs);
            }

            int written = i;
            for (; i < count; i++)
            {
                frame[offset + i] = 0;
            }

            return written;
        }
    }
}
