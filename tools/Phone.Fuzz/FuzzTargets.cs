// One fuzz target per wire/file parser of the portable core: each feeds arbitrary bytes to a TryRead/TryParse entry
// point and checks the invariants a malformed input must keep (no exception, bounded work, sane outputs).
namespace Phone.Fuzz
{
    using System;
    using Phone.Core.Auth;
    using Phone.Core.Dns;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Provisioning;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;

    /// <summary>The parsers under fuzz; one instance per process (parsers reused like on the device).</summary>
    public sealed class FuzzTargets
    {
        /// <summary>Target names accepted by <see cref="Run"/>; also the seed folder names.</summary>
        public static readonly string[] Names = { "sip", "sdp", "rtp", "rtcp", "dtmf", "digest", "dns", "config" };

        private readonly SipMessage _sip = new SipMessage();
        private readonly SdpSession _sdp = new SdpSession();
        private readonly SdpStats _sdpStats = new SdpStats();
        private readonly DigestChallenge _challenge = new DigestChallenge();
        private readonly DnsResponseReader _dns = new DnsResponseReader();
        private readonly DnsAnswer _answer = new DnsAnswer();
        private readonly ProvisioningConfig _config = new ProvisioningConfig();
        private readonly NullLog _log = new NullLog();

        /// <summary>True when <paramref name="name"/> is a known target.</summary>
        public static bool IsTarget(string name) => Array.IndexOf(Names, name) >= 0;

        /// <summary>Runs one input through the named target. Throws only when an invariant is broken.</summary>
        public void Run(string target, byte[] data, int offset, int count)
        {
            switch (target)
            {
                case "sip":
                    if (_sip.TryParse(data, offset, count))
                    {
                        Check(_sip.Offset >= offset && _sip.Offset + _sip.Count <= offset + count, "sip: message outside the input");
                    }
                    else
                    {
                        Check(_sip.Error != SipParseError.None, "sip: rejected without an error code");
                    }
                    break;
                case "sdp":
                    _sdp.TryParse(data, offset, count, _sdpStats);
                    break;
                case "rtp":
                    if (RtpHeader.TryRead(data, offset, count, out RtpHeader header) == RtpParseError.None)
                    {
                        Check(header.PayloadOffset >= offset && header.PayloadLength >= 0 && header.PayloadOffset + header.PayloadLength <= offset + count,
                            "rtp: payload outside the packet");
                    }
                    break;
                case "rtcp":
                    RtcpPacket.LooksLikeRtcp(data, offset, count);
                    RtcpPacket.TryReadCompound(data, offset, count, 0x12345678, out RtcpInfo _);
                    break;
                case "dtmf":
                    if (TelephoneEvent.TryRead(data, offset, count, out int code, out bool _, out int volume, out int duration))
                    {
                        Check(code >= 0 && code <= 255 && volume >= 0 && volume <= 63 && duration >= 0 && duration <= 65535,
                            "dtmf: field out of range");
                        TelephoneEvent.ToDigit(code);
                    }
                    break;
                case "digest":
                    DigestChallenge.TryParse(data, offset, count, _challenge);
                    break;
                case "dns":
                    int id = count >= 2 ? (data[offset] << 8) | data[offset + 1] : 0;
                    _dns.Read(data, offset, count, id, _answer);
                    break;
                case "config":
                    ConfigParser.TryParse(data, offset, count, _config, _log, "fuzz", out string _);
                    break;
                default:
                    throw new ArgumentException("unknown target " + target);
            }
        }

        private static void Check(bool condition, string what)
        {
            if (!condition) throw new InvariantException(what);
        }
    }
}
