// Cursor over a caller-owned byte[] for composing ASCII/UTF-8 protocol text (SIP headers, SDP) without allocating.
namespace Phone.Core.Text
{
    /// <summary>
    /// Appends text and numbers to a caller-owned buffer. When the buffer is too small the writer stops
    /// writing and sets <see cref="Overflow"/> instead of throwing; the caller checks it once at the end.
    /// </summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _position;
        private bool _overflow;

        /// <summary>Creates a writer over buffer[offset..offset+count).</summary>
        public ByteWriter(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        /// <summary>Re-targets the writer (no allocation).</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _start = offset;
            _end = offset + count;
            _position = offset;
            _overflow = false;
        }

        /// <summary>The target buffer.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Absolute index of the next byte to write.</summary>
        public int Position => _position;

        /// <summary>Bytes written since the start offset.</summary>
        public int Length => _position - _start;

        /// <summary>True once any write did not fit; the output is then incomplete.</summary>
        public bool Overflow => _overflow;

        /// <summary>Moves the cursor back (e.g. to undo a partly written element); ignored if outside the written range.</summary>
        public void Rewind(int position)
        {
            if (position >= _start && position <= _position) _position = position;
        }

        /// <summary>Appends one byte.</summary>
        public void Byte(int b)
        {
            if (_position >= _end)
            {
                _overflow = true;
                return;
            }
            _buffer[_position++] = (byte)b;
        }

        /// <summary>Appends bytes.</summary>
        public void Bytes(byte[] src, int offset, int count)
        {
            if (count > _end - _position)
            {
                _overflow = true;
                return;
            }
            for (int i = 0; i < count; i++) _buffer[_position + i] = src[offset + i];
            _position += count;
        }

        /// <summary>Appends a string as UTF-8 (ASCII text is copied byte for byte).</summary>
        public void Text(string s)
        {
            if (s == null) return;
            int n = s.Length;
            // Fast path: ASCII fits one byte per char.
            if (n <= _end - _position)
            {
                int p = _position;
                int i = 0;
                for (; i < n; i++)
                {
                    char c = s[i];
                    if (c >= 0x80) break;
                    _buffer[p + i] = (byte)c;
                }
                if (i == n)
                {
                    _position += n;
                    return;
                }
            }
            int need = Utf8.ByteCount(s);
            if (need > _end - _position)
            {
                _overflow = true;
                return;
            }
            _position += Utf8.GetBytes(s, _buffer, _position);
        }

        /// <summary>Appends a non-negative or negative decimal integer.</summary>
        public void Decimal(long value)
        {
            if (value < 0)
            {
                Byte('-');
                if (value == long.MinValue)
                {
                    Text("9223372036854775808");
                    return;
                }
                value = -value;
            }
            long div = 1;
            while (value / div >= 10) div *= 10;
            while (div > 0)
            {
                Byte((int)('0' + (value / div) % 10));
                div /= 10;
            }
        }

        /// <summary>Appends value as exactly <paramref name="digits"/> lower-case hex digits (e.g. nc=00000001).</summary>
        public void HexFixed(uint value, int digits)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                int v = (int)((value >> (4 * i)) & 0xF);
                Byte(v < 10 ? '0' + v : 'a' + v - 10);
            }
        }

        /// <summary>Appends a quoted-string, escaping '"' and '\' (RFC 3261 §25.1 quoted-pair).</summary>
        public void Quoted(string s)
        {
            Byte('"');
            if (s != null)
            {
                bool plain = true;
                for (int i = 0; i < s.Length; i++)
                {
                    if (s[i] == '"' || s[i] == '\\') plain = false;
                }
                if (plain)
                {
                    Text(s);
                }
                else
                {
                    for (int i = 0; i < s.Length; i++)
                    {
                        char c = s[i];
                        if (c == '"' || c == '\\') Byte('\\');
                        if (c < 0x80)
                        {
                            Byte(c);
                        }
                        else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length)
                        {
                            Text(s.Substring(i, 2));
                            i++;
                        }
                        else
                        {
                            Text(s.Substring(i, 1));
                        }
                    }
                }
            }
            Byte('"');
        }

        /// <summary>The written bytes as a string (allocates; for tests, logs and edges).</summary>
        public override string ToString() => Utf8.GetString(_buffer, _start, _position - _start);
    }
}
