// RTP receiver: header checks (RFC 3550 §5.1), source validation and SSRC changes (Appendix A.1), loss (A.3),
// jitter (A.8), SSRC collision (§8.2) and symmetric RTP latching (RFC 4961).
namespace Phone.Core.Media.Rtp
{
    using Phone.Core.Net;

    /// <summary>
    /// Classifies each received datagram for one two-party media session: drops (and counts) anything malformed
    /// or foreign, and tracks the far end's source statistics for RTCP reception reports.
    /// </summary>
    public sealed class RtpReceiver
    {
        private readonly RtpSource _current = new RtpSource();
        private readonly RtpSource _candidate = new RtpSource();
        private NetEndPoint _remote;

        /// <summary>Creates a receiver that counts into <paramref name="stats"/>.</summary>
        public RtpReceiver(RtpStats stats)
        {
            Stats = stats;
            TelephoneEventPayloadType = -1;
        }

        /// <summary>Counters of dropped and accepted packets.</summary>
        public RtpStats Stats { get; }

        /// <summary>Our own SSRC, to detect collisions and loops (§8.2).</summary>
        public uint LocalSsrc { get; set; }

        /// <summary>Payload type of RFC 4733 telephone-event as negotiated by the far end, or -1 for none.</summary>
        public int TelephoneEventPayloadType { get; set; }

        /// <summary>The source being played (valid once it passed probation).</summary>
        public RtpSource Source => _current;

        /// <summary>Where media comes from: the SDP address until a valid packet arrives from elsewhere.</summary>
        public NetEndPoint RemoteEndPoint => _remote;

        /// <summary>Set when a packet carried our own SSRC; the session picks a new SSRC and clears it.</summary>
        public bool CollisionPending { get; set; }

        /// <summary>Set when the current source changed (new SSRC or sequence restart); the jitter buffer must reset.</summary>
        public bool SourceChanged { get; set; }

        /// <summary>Sets the address signalled in SDP; replaced by the source address of valid media (symmetric RTP).</summary>
        public void SetRemote(NetEndPoint remote) => _remote = remote;

        /// <summary>
        /// Checks one datagram. <paramref name="arrival"/> is the arrival time in timestamp units (8 kHz).
        /// Never throws; returns what the packet is, with its parsed header.
        /// </summary>
        [HotPath]
        public RtpReceiveResult Receive(byte[] buffer, int offset, int length, NetEndPoint from, uint arrival,
            out RtpHeader header)
        {
            RtpParseError error = RtpHeader.TryRead(buffer, offset, length, out header);
            switch (error)
            {
                case RtpParseError.None: break;
                case RtpParseError.TooShort: Stats.TooShort++; return RtpReceiveResult.Dropped;
                case RtpParseError.BadVersion: Stats.BadVersion++; return RtpReceiveResult.Dropped;
                case RtpParseError.BadPadding: Stats.BadPadding++; return RtpReceiveResult.Dropped;
                case RtpParseError.CsrcPastEnd: Stats.CsrcPastEnd++; return RtpReceiveResult.Dropped;
                default: Stats.ExtensionPastEnd++; return RtpReceiveResult.Dropped;
            }

            int pt = header.PayloadType;
            bool isEvent = pt == TelephoneEventPayloadType && TelephoneEventPayloadType >= 0;
            bool isAudio = pt == 0 || pt == 8;   // G.711 µ/A (RFC 3551 static types); either law decodes
            if (!isEvent && !isAudio)
            {
                Stats.UnknownPayloadType++;
                return RtpReceiveResult.Dropped;
            }
            if (header.Ssrc == LocalSsrc)
            {
                // §8.2: another participant uses our SSRC, or our own packets loop back.
                Stats.SsrcCollisions++;
                CollisionPending = true;
                return RtpReceiveResult.Dropped;
            }
            if (isEvent && header.PayloadLength < 4)
            {
                Stats.EventTooShort++;
                return RtpReceiveResult.Dropped;
            }
            if (isAudio && header.PayloadLength == 0)
            {
                Stats.EmptyPayload++;
                return RtpReceiveResult.Dropped;
            }

            RtpSource source;
            if (!_current.Active)
            {
                _current.Start(header.Ssrc, header.SequenceNumber);
                source = _current;
            }
            else if (header.Ssrc == _current.Ssrc)
            {
                source = _current;
            }
            else
            {
                // A.1: a new SSRC is a new source; it must pass probation before it replaces the old one, so a
                // stray packet from a stale stream does not take over.
                if (!_candidate.Active || _candidate.Ssrc != header.Ssrc)
                    _candidate.Start(header.Ssrc, header.SequenceNumber);
                source = _candidate;
            }

            RtpSequenceResult seq = source.UpdateSequence(header.SequenceNumber);
            if (seq == RtpSequenceResult.Probation)
            {
                Stats.Probation++;
                return RtpReceiveResult.Dropped;
            }
            if (seq == RtpSequenceResult.BadJump)
            {
                Stats.SequenceJumps++;
                return RtpReceiveResult.Dropped;
            }
            if (seq == RtpSequenceResult.Restarted)
            {
                Stats.SequenceRestarts++;
                SourceChanged = true;
            }
            if (source == _candidate)
            {
                // The new SSRC passed probation: it becomes the source we play.
                _current.StartValidated(header.Ssrc, header.SequenceNumber);
                _candidate.Clear();
                source = _current;
                Stats.SsrcChanges++;
                SourceChanged = true;
            }
            else if (seq == RtpSequenceResult.Valid && source.Received == 1)
            {
                SourceChanged = true;   // first valid packet of a source: the jitter buffer starts its timeline
            }

            // RFC 4733 events keep the event's start timestamp for every packet, so they would corrupt A.8 jitter.
            if (isAudio) source.UpdateJitter(arrival, header.Timestamp);

            // Symmetric RTP (RFC 4961): send to where validated media comes from, which gets through NATs.
            if (!from.SameAs(_remote))
            {
                _remote = from;
                Stats.Relatches++;
            }
            Stats.PacketsAccepted++;
            return isEvent ? RtpReceiveResult.TelephoneEvent : RtpReceiveResult.Audio;
        }
    }
}
