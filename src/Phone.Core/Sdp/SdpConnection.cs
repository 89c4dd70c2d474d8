// Connection data (c=IN IP4/IP6 address), RFC 4566 §5.7; IPv6 kept as text (RFC 5118 §4.6/§4.8).
namespace Phone.Core.Sdp
{
    using Phone.Core.Net;
    using Phone.Core.Text;

    /// <summary>
    /// A c= (or o=) address: "IN IP4 a.b.c.d" also as a number, "IN IP6 text" or a host name as text.
    /// The text buffer is allocated once; parsing copies into it.
    /// </summary>
    public sealed class SdpConnection
    {
        /// <summary>Longest address text kept (an IPv6 address is at most 45 chars; host names longer are rejected).</summary>
        public const int MaxAddressLength = 64;

        private readonly byte[] _text = new byte[MaxAddressLength];

        // Text length (bits 0-7) and the three flags in one field: nanoCLR holds every field in a 12-byte block.
        private int _state;
        private const int PresentBit = 0x100, Ipv6Bit = 0x200, LiteralBit = 0x400;

        private int TextLength
        {
            get { return _state & 0xFF; }
            set { _state = (_state & ~0xFF) | value; }
        }

        private void SetBit(int bit, bool on) => _state = on ? _state | bit : _state & ~bit;

        /// <summary>True when an address has been set.</summary>
        public bool IsPresent
        {
            get { return (_state & PresentBit) != 0; }
            set { SetBit(PresentBit, value); }
        }

        /// <summary>Address type IP6 (else IP4).</summary>
        public bool IsIpv6
        {
            get { return (_state & Ipv6Bit) != 0; }
            set { SetBit(Ipv6Bit, value); }
        }

        /// <summary>IPv4 address (first octet high) when <see cref="IsIpv4Literal"/>.</summary>
        public uint Ipv4;

        /// <summary>True when the IP4 address is a dotted quad (not a host name).</summary>
        public bool IsIpv4Literal
        {
            get { return (_state & LiteralBit) != 0; }
            set { SetBit(LiteralBit, value); }
        }

        /// <summary>Clears the address.</summary>
        public void Clear()
        {
            IsPresent = false;
            IsIpv6 = false;
            Ipv4 = 0;
            IsIpv4Literal = false;
            TextLength = 0;
        }

        /// <summary>Length of the address text.</summary>
        public int AddressLength => TextLength;

        /// <summary>
        /// c=0.0.0.0: the RFC 2543 way to put a call on hold, still sent by old peers (RFC 3264 §8.4).
        /// </summary>
        public bool IsHoldAddress => IsPresent && !IsIpv6 && IsIpv4Literal && Ipv4 == 0;

        /// <summary>Sets an IPv4 address.</summary>
        public void SetIpv4(uint address)
        {
            IsPresent = true;
            IsIpv6 = false;
            Ipv4 = address;
            IsIpv4Literal = true;
            int n = 0;
            // Dotted quad written without allocating.
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                int v = (int)((address >> shift) & 0xFF);
                if (v >= 100) _text[n++] = (byte)('0' + v / 100);
                if (v >= 10) _text[n++] = (byte)('0' + (v / 10) % 10);
                _text[n++] = (byte)('0' + v % 10);
                if (shift > 0) _text[n++] = (byte)'.';
            }
            TextLength = n;
        }

        /// <summary>Sets an address from text ("IP4"/"IP6" chosen by the caller). False when too long or empty.</summary>
        public bool TrySet(bool ipv6, byte[] src, int offset, int count)
        {
            if (count <= 0 || count > MaxAddressLength) return false;
            for (int i = 0; i < count; i++)
            {
                byte b = src[offset + i];
                if (b <= ' ' || b >= 0x7F || b == '/') return false;
                if (ipv6 && !(b == ':' || b == '.' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F'))) return false;
                _text[i] = b;
            }
            TextLength = count;
            IsPresent = true;
            IsIpv6 = ipv6;
            IsIpv4Literal = !ipv6 && NetEndPoint.TryParseAddress(_text, 0, count, out Ipv4);
            if (!IsIpv4Literal) Ipv4 = 0;
            return true;
        }

        /// <summary>Copies another connection.</summary>
        public void CopyFrom(SdpConnection other)
        {
            _state = other._state;
            Ipv4 = other.Ipv4;
            for (int i = 0; i < TextLength; i++) _text[i] = other._text[i];
        }

        /// <summary>Same type and address text (IPv6 compared case-insensitively).</summary>
        public bool SameAs(SdpConnection other)
        {
            if (IsPresent != other.IsPresent || IsIpv6 != other.IsIpv6 || TextLength != other.TextLength) return false;
            for (int i = 0; i < TextLength; i++)
            {
                int a = _text[i], b = other._text[i];
                if (a >= 'A' && a <= 'Z') a += 32;
                if (b >= 'A' && b <= 'Z') b += 32;
                if (a != b) return false;
            }
            return true;
        }

        /// <summary>Writes "IN IP4 addr" / "IN IP6 addr".</summary>
        public void Write(ByteWriter w)
        {
            w.Text(IsIpv6 ? "IN IP6 " : "IN IP4 ");
            w.Bytes(_text, 0, TextLength);
        }

        /// <summary>Writes only the address text.</summary>
        public void WriteAddress(ByteWriter w) => w.Bytes(_text, 0, TextLength);

        /// <summary>Address text (allocates; logs and tests).</summary>
        public string AddressText => Utf8.GetString(_text, 0, TextLength);

        /// <summary>"IP4 a.b.c.d" / "IP6 text".</summary>
        public override string ToString() => IsPresent ? (IsIpv6 ? "IP6 " : "IP4 ") + AddressText : "(none)";
    }
}
