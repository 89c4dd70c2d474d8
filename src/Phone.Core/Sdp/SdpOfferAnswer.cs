// SDP offer/answer for one G.711 audio stream with telephone-event, RFC 3264 §5-§8, RFC 4733 §7, RFC 3551.
namespace Phone.Core.Sdp
{
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>
    /// Builds offers and answers and interprets the peer's SDP for one call. Configured once (codec order,
    /// telephone-event payload type, ptime, local address/port); all buffers are allocated in the constructor.
    /// <para>Answer codec rule (RFC 3264 §6.1): we take the first format of the OFFER's m= line that we support,
    /// i.e. the offerer's preference wins, and answer with that single codec (plus telephone-event) so that both
    /// sides send the same codec; our configured order only decides what we offer.</para>
    /// </summary>
    public sealed class SdpOfferAnswer
    {
        /// <summary>Static payload type of PCMU (RFC 3551 §6).</summary>
        public const int Pcmu = 0;

        /// <summary>Static payload type of PCMA (RFC 3551 §6).</summary>
        public const int Pcma = 8;

        /// <summary>Size of the body scratch buffer (see the constructor that takes one).</summary>
        public const int BodyScratchSize = 640;

        private readonly int[] _codecs;
        private readonly int _telephoneEventPt;
        private readonly int _ptime;
        private readonly ulong _sessionId;
        private ulong _version;
        private bool _sentAny;
        private readonly byte[] _scratch;
        private readonly ByteWriter _body;
        private readonly byte[] _lastHash = new byte[Md5.HashSize];
        private readonly byte[] _hash = new byte[Md5.HashSize];
        private SdpDirection _offeredDirection;
        private int _previousPt = -1;
        private readonly SdpConnection _previousAddress = new SdpConnection();
        private int _previousPort;
        private SdpDirection _previousLocal;

        /// <summary>Our RTP address (set it before building SDP).</summary>
        public readonly SdpConnection LocalAddress = new SdpConnection();

        /// <summary>Our RTP port.</summary>
        public int LocalPort;

        /// <summary>Result of the last successful exchange.</summary>
        public readonly SdpNegotiation Current = new SdpNegotiation();

        /// <summary>Counters (488s).</summary>
        public readonly SdpStats Stats;

        /// <summary>
        /// Creates the negotiator. <paramref name="codecs"/>: PCMU (0) / PCMA (8) in our order of preference;
        /// <paramref name="telephoneEventPayloadType"/>: 96..127 for our offers, -1 to not offer DTMF events.
        /// </summary>
        public SdpOfferAnswer(int[] codecs, int telephoneEventPayloadType, int ptime, ulong sessionId, SdpStats stats)
            : this(codecs, telephoneEventPayloadType, ptime, sessionId, stats, null)
        {
        }

        /// <summary>
        /// As above, with the body built in <paramref name="scratch"/> (<see cref="BodyScratchSize"/> bytes; null: its own):
        /// a body is built and copied out within one call, so the calls of one thread can share one buffer.
        /// </summary>
        public SdpOfferAnswer(int[] codecs, int telephoneEventPayloadType, int ptime, ulong sessionId, SdpStats stats, byte[] scratch)
        {
            _scratch = scratch ?? new byte[BodyScratchSize];
            int n = 0;
            for (int i = 0; i < codecs.Length; i++) if (codecs[i] == Pcmu || codecs[i] == Pcma) n++;
            _codecs = new int[n];
            n = 0;
            for (int i = 0; i < codecs.Length; i++) if (codecs[i] == Pcmu || codecs[i] == Pcma) _codecs[n++] = codecs[i];
            _telephoneEventPt = telephoneEventPayloadType;
            _ptime = ptime > 0 ? ptime : 20;
            _sessionId = sessionId;
            _version = sessionId;
            Stats = stats ?? new SdpStats();
            _body = new ByteWriter(_scratch, 0, _scratch.Length);
        }

        /// <summary>o= version of the last SDP written.</summary>
        public ulong SessionVersion => _version;

        /// <summary>
        /// Writes an offer (initial or re-offer: hold = sendonly, resume = sendrecv). The o= version goes up by one
        /// whenever the body differs from the previous SDP we sent (RFC 3264 §8).
        /// </summary>
        public bool WriteOffer(SdpDirection direction, ByteWriter w)
        {
            _body.Reset(_scratch, 0, _scratch.Length);
            WriteSessionLines(_body);
            _body.Text("m=audio ");
            _body.Decimal(LocalPort);
            _body.Text(" RTP/AVP");
            for (int i = 0; i < _codecs.Length; i++)
            {
                _body.Byte(' ');
                _body.Decimal(_codecs[i]);
            }
            if (_telephoneEventPt >= 0)
            {
                _body.Byte(' ');
                _body.Decimal(_telephoneEventPt);
            }
            _body.Text("\r\n");
            for (int i = 0; i < _codecs.Length; i++) WriteRtpmap(_codecs[i], _codecs[i], _body);
            if (_telephoneEventPt >= 0) WriteTelephoneEvent(_telephoneEventPt, 8000, null, 0, _body);
            WriteTail(direction, _body);
            _offeredDirection = direction;
            return Emit(w);
        }

        /// <summary>
        /// Answers a parsed offer (RFC 3264 §6): the first offered audio RTP/AVP stream with a common codec is
        /// accepted, every other m= line is refused with port 0 in the same position; no common codec gives
        /// <see cref="SdpResult.NotAcceptable"/> and nothing is written. <paramref name="localDirection"/> is what
        /// we want (sendonly when we hold).
        /// </summary>
        public SdpResult ProcessOffer(SdpSession offer, SdpDirection localDirection, ByteWriter w)
        {
            int chosen = -1, k = -1;
            for (int i = 0; i < offer.MediaCount && chosen < 0; i++)
            {
                SdpMedia m = offer.Media[i];
                if (m.Type != SdpMediaType.Audio || !m.IsRtpAvp || m.Port == 0) continue;
                k = FirstCommonFormat(m);
                if (k >= 0) chosen = i;
            }
            if (chosen < 0)
            {
                Stats.NotAcceptable++;
                return SdpResult.NotAcceptable;
            }
            SdpMedia a = offer.Media[chosen];
            // Configured without telephone-event (-1): DTMF then goes in-band, so the offered one is not accepted.
            int te = _telephoneEventPt >= 0 ? FindTelephoneEvent(a) : -1;
            SdpDirection offered = offer.EffectiveDirection(chosen);
            SdpConnection remote = offer.EffectiveConnection(chosen);
            if (remote.IsHoldAddress)
            {
                // RFC 3264 §8.4: c=0.0.0.0 from RFC 2543 peers means "do not send to me".
                offered = SdpDirectionNames.From(SdpDirectionNames.Sends(offered), false);
            }
            SdpDirection answerDirection = SdpDirectionNames.Answer(offered, localDirection);

            _body.Reset(_scratch, 0, _scratch.Length);
            WriteSessionLines(_body);
            for (int i = 0; i < offer.MediaCount; i++)
            {
                SdpMedia m = offer.Media[i];
                if (i != chosen)
                {
                    _body.Text("m=");
                    m.WriteMLineWithPort(0, _body);
                    _body.Text("\r\n");
                    continue;
                }
                int pt = m.PayloadTypes[k];
                _body.Text("m=audio ");
                _body.Decimal(LocalPort);
                _body.Text(" RTP/AVP ");
                _body.Decimal(pt);
                if (te >= 0)
                {
                    _body.Byte(' ');
                    _body.Decimal(m.PayloadTypes[te]);
                }
                _body.Text("\r\n");
                WriteRtpmap(pt, CodecOf(m, k), _body);
                if (te >= 0) WriteTelephoneEvent(m.PayloadTypes[te], m.ClockRate(te), m, te, _body);
                WriteTail(answerDirection, _body);
            }
            if (!Emit(w)) return SdpResult.Overflow;
            Record(offer, chosen, k, te, offered, answerDirection);
            return SdpResult.Ok;
        }

        /// <summary>
        /// Processes the answer to our last offer (RFC 3264 §7): same number of m= lines, port 0 = refused,
        /// the first answered format we support is used.
        /// </summary>
        public SdpResult ProcessAnswer(SdpSession answer)
        {
            if (answer.MediaCount != 1) return SdpResult.Malformed;
            SdpMedia m = answer.Media[0];
            if (m.Type != SdpMediaType.Audio || m.Port == 0 || !m.IsRtpAvp) return SdpResult.NotAcceptable;
            int k = FirstCommonFormat(m);
            if (k < 0) return SdpResult.NotAcceptable;
            int te = _telephoneEventPt >= 0 ? FindTelephoneEvent(m) : -1;
            SdpDirection remote = answer.EffectiveDirection(0);
            if (answer.EffectiveConnection(0).IsHoldAddress) remote = SdpDirectionNames.From(SdpDirectionNames.Sends(remote), false);
            SdpDirection local = SdpDirectionNames.From(
                SdpDirectionNames.Sends(_offeredDirection) && SdpDirectionNames.Receives(remote),
                SdpDirectionNames.Receives(_offeredDirection) && SdpDirectionNames.Sends(remote));
            Record(answer, 0, k, te, remote, local);
            return SdpResult.Ok;
        }

        /// <summary>Canonical codec (0 = PCMU, 8 = PCMA) of format k, or -1. rtpmap wins over the static number (RFC 3551 §6).</summary>
        public static int CodecOf(SdpMedia m, int k)
        {
            if (m.HasRtpmap(k))
            {
                if (m.ClockRate(k) != 8000 || m.ChannelCount(k) != 1) return -1;
                if (m.EncodingIs(k, "PCMU")) return Pcmu;
                if (m.EncodingIs(k, "PCMA")) return Pcma;
                return -1;
            }
            int pt = m.PayloadTypes[k];
            return pt == Pcmu || pt == Pcma ? pt : -1;
        }

        private int FirstCommonFormat(SdpMedia m)
        {
            for (int k = 0; k < m.FormatCount; k++)
            {
                int c = CodecOf(m, k);
                if (c < 0) continue;
                for (int j = 0; j < _codecs.Length; j++) if (_codecs[j] == c) return k;
            }
            return -1;
        }

        private static int FindTelephoneEvent(SdpMedia m)
        {
            for (int k = 0; k < m.FormatCount; k++)
            {
                if (m.HasRtpmap(k) && m.EncodingIs(k, "telephone-event") && m.ClockRate(k) == 8000) return k;
            }
            return -1;
        }

        private void Record(SdpSession sdp, int index, int k, int te, SdpDirection remoteDirection, SdpDirection localDirection)
        {
            SdpNegotiation n = Current;
            SdpMedia m = sdp.Media[index];
            SdpConnection remote = sdp.EffectiveConnection(index);
            bool had = n.IsEstablished;
            n.IsEstablished = true;
            n.MediaIndex = index;
            n.PayloadType = m.PayloadTypes[k];
            n.Codec = CodecOf(m, k);
            n.TelephoneEventPayloadType = te >= 0 ? m.PayloadTypes[te] : -1;
            n.Ptime = m.Ptime > 0 ? m.Ptime : 20;
            n.RemoteDirection = remoteDirection;
            n.LocalDirection = localDirection;
            n.RemoteHold = !SdpDirectionNames.Receives(remoteDirection);
            // An RFC 2543 hold address is not a new destination: keep the previous one for resume detection.
            n.AddressChanged = had && !remote.IsHoldAddress && !remote.SameAs(_previousAddress);
            n.PortChanged = had && m.Port != _previousPort;
            n.CodecChanged = had && n.PayloadType != _previousPt;
            n.DirectionChanged = had && localDirection != _previousLocal;
            if (!remote.IsHoldAddress || !had) n.RemoteAddress.CopyFrom(remote);
            n.RemotePort = m.Port;
            n.RemoteRtcpPort = m.RtcpPort > 0 ? m.RtcpPort : m.Port + 1;
            _previousAddress.CopyFrom(n.RemoteAddress);
            _previousPort = m.Port;
            _previousPt = n.PayloadType;
            _previousLocal = localDirection;
        }

        private void WriteSessionLines(ByteWriter w)
        {
            // Everything after the o= line; o= is prefixed in Emit once the version is known.
            w.Text("s=-\r\nc=");
            LocalAddress.Write(w);
            w.Text("\r\nt=0 0\r\n");
        }

        private static void WriteRtpmap(int pt, int codec, ByteWriter w)
        {
            w.Text("a=rtpmap:");
            w.Decimal(pt);
            w.Text(codec == Pcma ? " PCMA/8000\r\n" : " PCMU/8000\r\n");
        }

        private static void WriteTelephoneEvent(int pt, int rate, SdpMedia offer, int index, ByteWriter w)
        {
            w.Text("a=rtpmap:");
            w.Decimal(pt);
            w.Text(" telephone-event/");
            w.Decimal(rate);
            w.Text("\r\na=fmtp:");
            w.Decimal(pt);
            w.Byte(' ');
            // RFC 4733 §7.1.1: answer with the events the offerer listed; offer 0-16 (DTMF and flash).
            if (offer != null && offer.HasFmtp(index)) offer.WriteFmtp(index, w);
            else w.Text("0-16");
            w.Text("\r\n");
        }

        private void WriteTail(SdpDirection direction, ByteWriter w)
        {
            w.Text("a=ptime:");
            w.Decimal(_ptime);
            w.Text("\r\na=");
            w.Text(SdpDirectionNames.Name(direction));
            w.Text("\r\n");
        }

        private bool Emit(ByteWriter w)
        {
            if (_body.Overflow) return false;
            Md5.Hash(_scratch, 0, _body.Length, _hash, 0);
            if (_sentAny && !CryptoBytes.FixedTimeEquals(_hash, 0, _lastHash, 0, Md5.HashSize)) _version++;
            int start = w.Position;
            w.Text("v=0\r\no=- ");
            w.Decimal((long)(_sessionId & 0x7FFFFFFFFFFFFFFFUL));
            w.Byte(' ');
            w.Decimal((long)(_version & 0x7FFFFFFFFFFFFFFFUL));
            w.Byte(' ');
            LocalAddress.Write(w);
            w.Text("\r\n");
            w.Bytes(_scratch, 0, _body.Length);
            if (w.Overflow)
            {
                w.Rewind(start);
                if (_sentAny && !CryptoBytes.FixedTimeEquals(_hash, 0, _lastHash, 0, Md5.HashSize)) _version--;
                return false;
            }
            for (int i = 0; i < Md5.HashSize; i++) _lastHash[i] = _hash[i];
            _sentAny = true;
            return true;
        }
    }
}
