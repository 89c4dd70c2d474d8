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
        private int _length;

        /// <summary>True when an address has been set.</summary>
        public bool IsPresent;

        /// <summary>Address type IP6 (else IP4).</summary>
        public bool IsIpv6;

        /// <summary>IPv4 address (first octet high) when <see cref="IsIpv4Literal"/>.</summary>
        public uint Ipv4;

        /// <summary>True when the IP4 address is a dotted quad (not a host name).</summary>
        public bool IsIpv4Literal;

        /// <summary>Clears the address.</summary>
        public void Clear()
        {
            IsPresent = false;
            IsIpv6 = false;
            Ipv4 = 0;
            IsIpv4Literal = false;
            _length = 0;
        }

        /// <summary>Length of the address text.</summary>
        public int AddressLength => _length;

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
            _length = 0;
            // Dotted quad written without allocating.
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                int v = (int)((address >> shift) & 0xFF);
                if (v >= 100) _text[_length++] = (byte)('0' + v / 100);
                if (v >= 10) _text[_length++] = (byte)('0' + (v / 10) % 10);
                _text[_length++] = (byte)('0' + v % 10);
                if (shift > 0) _text[_length++] = (byte)'.';
            }
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
            _length = count;
            IsPresent = true;
            IsIpv6 = ipv6;
            IsIpv4Literal = !ipv6 && NetEndPoint.TryParseAddress(_text, 0, count, out Ipv4);
            if (!IsIpv4Literal) Ipv4 = 0;
            return true;
        }

        /// <summary>Copies another connection.</summary>
        public void CopyFrom(SdpConnection other)
        {
            IsPresent = other.IsPresent;
            IsIpv6 = other.IsIpv6;
            Ipv4 = other.Ipv4;
            IsIpv4Literal = other.IsIpv4Literal;
            _length = other._length;
            for (int i = 0; i < _length; i++) _text[i] = other._text[i];
        }

        /// <summary>Same type and address text (IPv6 compared case-insensitively).</summary>
        public bool SameAs(SdpConnection other)
        {
            if (IsPresent != other.IsPresent || IsIpv6 != other.IsIpv6 || _length != other._length) return false;
            for (int i = 0; i < _length; i++)
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
            w.Bytes(_text, 0, _length);
        }

        /// <summary>Writes only the address text.</summary>
        public void WriteAddress(ByteWriter w) => w.Bytes(_text, 0, _length);

        /// <summary>Address text (allocates; logs and tests).</summary>
        public string AddressText => Utf8.GetString(_text, 0, _length);

        /// <summary>"IP4 a.b.c.d" / "IP6 text".</summary>
        public override string ToString() => IsPresent ? (IsIpv6 ? "IP6 " : "IP4 ") + AddressText : "(none)";
    }
}
