// One fuzz target per wire/file parser of the portable core: each feeds arbitrary bytes to a TryRead/TryParse entry
// point and checks the invariants a malformed input must keep (no exception, bounded work, sane outputs).
namespace Phone.Fuzz
{
    using System;
    using Phone.Core.Auth;
    using Phone.Core.DialPlan;
    using Phone.Core.Dns;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Provisioning;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;

    /// <summary>The parsers under fuzz; one instance per process (parsers reused like on the device).</summary>
    public sealed class FuzzTargets
    {
        /// <summary>Target names accepted by <see cref="Run"/>; also the seed folder names.</summary>
        public static readonly string[] Names = { "sip", "sdp", "rtp", "rtcp", "dtmf", "digest", "dns", "config", "siptx", "dialplan" };

        private readonly SipMessage _sip = new SipMessage();
        private readonly SdpSession _sdp = new SdpSession();
        private readonly SdpStats _sdpStats = new SdpStats();
        private readonly DigestChallenge _challenge = new DigestChallenge();
        private readonly DnsResponseReader _dns = new DnsResponseReader();
        private readonly DnsAnswer _answer = new DnsAnswer();
        private readonly ProvisioningConfig _config = new ProvisioningConfig();
        private readonly NullLog _log = new NullLog();
        private readonly SipTransactionTarget _siptx = new SipTransactionTarget();
        private readonly DigitMap _map = new DigitMap();
        private readonly byte[] _number = new byte[256];

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
                case "siptx":
                    _siptx.Run(data, offset, count);
                    break;
                case "dialplan":
                    DialPlan(data, offset, count);
                    break;
                default:
                    throw new ArgumentException("unknown target " + target);
            }
        }

        // "dialplan": the first line is a digit map as it comes from the configuration (dialplan.map), the rest are
        // keys pressed one per 700 ms; the matcher must stay within its limits and report a sane result.
        private void DialPlan(byte[] data, int offset, int count)
        {
            int eol = offset;
            while (eol < offset + count && data[eol] != (byte)'\n') eol++;
            var chars = new char[eol - offset];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)data[offset + i];
            string map = new string(chars);
            if (!DigitMap.TryCompile(map, _map, out int errorPosition))
            {
                Check(errorPosition >= 0 && errorPosition <= map.Length, "dialplan: error position outside the map");
                return;
            }
            Check(_map.Count >= 1 && _map.Count <= DigitMap.MaxPatterns, "dialplan: pattern count out of range");
            var matcher = new DigitMapMatcher(_map);
            long now = 0;
            matcher.Start(now);
            for (int i = eol + 1; i < offset + count; i++)
            {
                now += 700;
                DialResult r = matcher.Poll(now);
                if (r == DialResult.FullMatch || r == DialResult.NoMatch || r == DialResult.Blocked) break;
                r = matcher.Feed((char)data[i], now);
                Check(r >= DialResult.Incomplete && r <= DialResult.Blocked, "dialplan: result out of range");
                Check(matcher.DigitCount >= 0 && matcher.DigitCount <= DigitMapMatcher.MaxDigits, "dialplan: too many digits kept");
            }
            // Let the timers run out: an Incomplete or PartialMatch must end within the longest timer.
            for (int k = 0; k < 4 && matcher.Deadline >= 0; k++) matcher.Poll(matcher.Deadline > now ? (now = matcher.Deadline) : now);
            DialResult final = matcher.Result;
            Check(final != DialResult.Incomplete && final != DialResult.PartialMatch, "dialplan: still waiting after every timer ran out");
            if (final == DialResult.FullMatch)
            {
                int length = matcher.WriteNumber(_number, 0);
                Check(length >= 0 && length <= _number.Length, "dialplan: number length out of range");
                Check(matcher.Number.Length == length, "dialplan: Number and WriteNumber disagree");
            }
        }

        private static void Check(bool condition, string what)
        {
            if (!condition) throw new InvariantException(what);
        }
    }
}
