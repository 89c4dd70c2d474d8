// Result of the last completed offer/answer exchange: what the media path must use (RFC 3264 §6-§8).
namespace Phone.Core.Sdp
{
    /// <summary>Negotiated audio stream and what changed since the previous exchange (re-INVITE, hold, resume).</summary>
    public sealed class SdpNegotiation
    {
        // The six yes/no values below in one word: nanoCLR gives every field a 12-byte block.
        private int _flags;

        /// <summary>True once an exchange succeeded.</summary>
        public bool IsEstablished
        {
            get { return (_flags & 0x1) != 0; }
            set { _flags = value ? _flags | 0x1 : _flags & ~0x1; }
        }

        /// <summary>Index of the audio m= line in use.</summary>
        public int MediaIndex;

        /// <summary>RTP payload type to send (the number the peer uses, which may be dynamic).</summary>
        public int PayloadType;

        /// <summary>Codec: 0 = PCMU, 8 = PCMA (RFC 3551 static numbers) whatever PayloadType is.</summary>
        public int Codec;

        /// <summary>Peer's telephone-event payload type (RFC 4733), -1 when not negotiated.</summary>
        public int TelephoneEventPayloadType;

        /// <summary>Packet time in ms (peer's a=ptime, else 20).</summary>
        public int Ptime;

        /// <summary>Where to send RTP.</summary>
        public readonly SdpConnection RemoteAddress = new SdpConnection();

        /// <summary>Peer RTP port.</summary>
        public int RemotePort;

        /// <summary>Peer RTCP port (a=rtcp, else RTP port + 1).</summary>
        public int RemoteRtcpPort;

        /// <summary>Direction stated by the peer for this stream.</summary>
        public SdpDirection RemoteDirection;

        /// <summary>Our direction: send when it includes send, play out received audio when it includes recv.</summary>
        public SdpDirection LocalDirection;

        /// <summary>The peer put us on hold (sendonly/inactive, or c=0.0.0.0 from RFC 2543 peers).</summary>
        public bool RemoteHold
        {
            get { return (_flags & 0x2) != 0; }
            set { _flags = value ? _flags | 0x2 : _flags & ~0x2; }
        }

        /// <summary>Remote address differs from the previous exchange.</summary>
        public bool AddressChanged
        {
            get { return (_flags & 0x4) != 0; }
            set { _flags = value ? _flags | 0x4 : _flags & ~0x4; }
        }

        /// <summary>Remote port differs from the previous exchange.</summary>
        public bool PortChanged
        {
            get { return (_flags & 0x8) != 0; }
            set { _flags = value ? _flags | 0x8 : _flags & ~0x8; }
        }

        /// <summary>Payload type differs from the previous exchange.</summary>
        public bool CodecChanged
        {
            get { return (_flags & 0x10) != 0; }
            set { _flags = value ? _flags | 0x10 : _flags & ~0x10; }
        }

        /// <summary>Local direction differs from the previous exchange (hold/resume).</summary>
        public bool DirectionChanged
        {
            get { return (_flags & 0x20) != 0; }
            set { _flags = value ? _flags | 0x20 : _flags & ~0x20; }
        }

        /// <summary>Summary for logs.</summary>
        public override string ToString()
            => IsEstablished
                ? "pt=" + PayloadType + " te=" + TelephoneEventPayloadType + " remote=" + RemoteAddress.ToString() + ":" + RemotePort
                  + " local=" + SdpDirectionNames.Name(LocalDirection) + (RemoteHold ? " held" : "")
                : "(none)";
    }
}
