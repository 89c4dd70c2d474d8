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
        // Read by the session for every packet it sends (a field: a property read is a call on the interpreter).
        internal NetEndPoint Remote;
        // Backing fields read directly per packet: on the interpreter a property read is a method call.
        private readonly RtpStats _stats;
        private uint _localSsrc;
        private int _eventPayloadType;
        private bool _collisionPending;
        // Read by the session per packet as a field (a property read is a call on the interpreter).
        internal bool SourceChangedFlag;

        /// <summary>Creates a receiver that counts into <paramref name="stats"/>.</summary>
        public RtpReceiver(RtpStats stats)
        {
            _stats = stats;
            _eventPayloadType = -1;
        }

        /// <summary>Counters of dropped and accepted packets.</summary>
        public RtpStats Stats => _stats;

        /// <summary>Our own SSRC, to detect collisions and loops (§8.2).</summary>
        public uint LocalSsrc
        {
            get => _localSsrc;
            set => _localSsrc = value;
        }

        /// <summary>Payload type of RFC 4733 telephone-event as negotiated by the far end, or -1 for none.</summary>
        public int TelephoneEventPayloadType
        {
            get => _eventPayloadType;
            set => _eventPayloadType = value;
        }

        /// <summary>The source being played (valid once it passed probation).</summary>
        public RtpSource Source => _current;

        /// <summary>Where media comes from: the SDP address until a valid packet arrives from elsewhere.</summary>
        public NetEndPoint RemoteEndPoint => Remote;

        /// <summary>Set when a packet carried our own SSRC; the session picks a new SSRC and clears it.</summary>
        public bool CollisionPending
        {
            get => _collisionPending;
            set => _collisionPending = value;
        }

        /// <summary>Set when the current source changed (new SSRC or sequence restart); the jitter buffer must reset.</summary>
        public bool SourceChanged
        {
            get => SourceChangedFlag;
            set => SourceChangedFlag = value;
        }

        /// <summary>Sets the address signalled in SDP; replaced by the source address of valid media (symmetric RTP).</summary>
        public void SetRemote(NetEndPoint remote) => Remote = remote;

        /// <summary>
        /// Checks one datagram. <paramref name="arrival"/> is the arrival time in timestamp units (8 kHz).
        /// Never throws; returns what the packet is, with its parsed header.
        /// </summary>
        [HotPath]
        public RtpReceiveResult Receive(byte[] buffer, int offset, int length, NetEndPoint from, uint arrival,
            out RtpHeader header)
            => Receive(buffer, offset, length, from.Address, from.Port, arrival, out header);

        // The sender's address as two integers: nanoCLR keeps a struct on its heap and copies it on every pass by
        // value, so the session hands the address over this way.
        [HotPath]
        internal RtpReceiveResult Receive(byte[] buffer, int offset, int length, uint fromAddress, int fromPort,
            uint arrival, out RtpHeader header)
        {
            RtpParseError error = RtpHeader.TryRead(buffer, offset, length, out header);
            switch (error)
            {
                case RtpParseError.None: break;
                case RtpParseError.TooShort: _stats.TooShort++; return RtpReceiveResult.Dropped;
                case RtpParseError.BadVersion: _stats.BadVersion++; return RtpReceiveResult.Dropped;
                case RtpParseError.BadPadding: _stats.BadPadding++; return RtpReceiveResult.Dropped;
                case RtpParseError.CsrcPastEnd: _stats.CsrcPastEnd++; return RtpReceiveResult.Dropped;
                default: _stats.ExtensionPastEnd++; return RtpReceiveResult.Dropped;
            }

            int pt = header.PayloadType;
            bool isEvent = pt == _eventPayloadType && _eventPayloadType >= 0;
            bool isAudio = pt == 0 || pt == 8;   // G.711 µ/A (RFC 3551 static types); either law decodes
            if (!isEvent && !isAudio)
            {
                _stats.UnknownPayloadType++;
                return RtpReceiveResult.Dropped;
            }
            if (header.Ssrc == _localSsrc)
            {
                // §8.2: another participant uses our SSRC, or our own packets loop back.
                _stats.SsrcCollisions++;
                _collisionPending = true;
                return RtpReceiveResult.Dropped;
            }
            if (isEvent && header.PayloadLength < 4)
            {
                _stats.EventTooShort++;
                return RtpReceiveResult.Dropped;
            }
            if (isAudio && header.PayloadLength == 0)
            {
                _stats.EmptyPayload++;
                return RtpReceiveResult.Dropped;
            }

            RtpSource source = _current;
            if (!source.IsActive)
            {
                source.Start(header.Ssrc, header.SequenceNumber);
            }
            else if (header.Ssrc != source.SsrcValue)
            {
                // A.1: a new SSRC is a new source; it must pass probation before it replaces the old one, so a
                // stray packet from a stale stream does not take over.
                source = _candidate;
                if (!source.IsActive || source.SsrcValue != header.Ssrc)
                    source.Start(header.Ssrc, header.SequenceNumber);
            }

            // A.1 sequence check and, for audio, A.8 jitter (RFC 4733 events keep the event's start timestamp for
            // every packet, so they would corrupt it).
            RtpSequenceResult seq = source.Update(header.SequenceNumber, isAudio, arrival, header.Timestamp);
            if (seq == RtpSequenceResult.Probation)
            {
                _stats.Probation++;
                return RtpReceiveResult.Dropped;
            }
            if (seq == RtpSequenceResult.BadJump)
            {
                _stats.SequenceJumps++;
                return RtpReceiveResult.Dropped;
            }
            if (seq == RtpSequenceResult.Restarted)
            {
                _stats.SequenceRestarts++;
                SourceChangedFlag = true;
            }
            if (source == _candidate)
            {
                // The new SSRC passed probation: it becomes the source we play.
                _current.StartValidated(header.Ssrc, header.SequenceNumber);
                _candidate.Clear();
                source = _current;
                if (isAudio) source.UpdateJitter(arrival, header.Timestamp);
                _stats.SsrcChanges++;
                SourceChangedFlag = true;
            }
            else if (seq == RtpSequenceResult.Valid && source.ReceivedCount == 1)
            {
                SourceChangedFlag = true;   // first valid packet of a source: the jitter buffer starts its timeline
            }

            // Symmetric RTP (RFC 4961): send to where validated media comes from, which gets through NATs.
            if (fromAddress != Remote.Address || fromPort != Remote.Port)
            {
                Remote.Address = fromAddress;
                Remote.Port = fromPort;
                _stats.Relatches++;
            }
            _stats.PacketsAccepted++;
            return isEvent ? RtpReceiveResult.TelephoneEvent : RtpReceiveResult.Audio;
        }
    }
}
