// Reliable provisional responses of one call (RFC 3262): RSeq spaces as UAS and UAC, retransmission until PRACK.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;

    /// <summary>
    /// RFC 3262 state kept in a <see cref="Call"/>. As UAS: the RSeq of our last reliable 1xx, whether it still awaits
    /// its PRACK, and its retransmission schedule (T1 doubling, give up after 64·T1, §3). As UAC: the last RSeq we
    /// PRACKed in the early dialog, so retransmissions are not PRACKed twice and out-of-order ones are dropped (§4).
    /// </summary>
    public sealed class ReliableProvisional
    {
        // The yes/no values below in one word: nanoCLR gives every field a 12-byte block.
        private int _flags;

        private bool Flag(int bit) => (_flags & bit) != 0;

        private void SetFlag(int bit, bool on) => _flags = on ? _flags | bit : _flags & ~bit;

        /// <summary>UAS: the INVITE required (or allowed, and we chose) 100rel, so our 1xx are sent reliably.</summary>
        public bool Reliable { get { return Flag(0x1); } internal set { SetFlag(0x1, value); } }

        /// <summary>UAS: RSeq of the last reliable provisional we sent (0: none yet).</summary>
        public uint LocalRSeq { get; internal set; }

        /// <summary>UAS: the last reliable provisional has not been PRACKed yet.</summary>
        public bool Unacknowledged { get { return Flag(0x2); } internal set { SetFlag(0x2, value); } }

        /// <summary>UAC: RSeq of the last reliable provisional we PRACKed (valid when <see cref="HasRemoteRSeq"/>).</summary>
        public uint RemoteRSeq { get; internal set; }

        /// <summary>UAC: a reliable provisional was PRACKed in this early dialog.</summary>
        public bool HasRemoteRSeq { get { return Flag(0x4); } internal set { SetFlag(0x4, value); } }

        // UAC: the To tag of the early dialog RemoteRSeq belongs to (a redirect or retry starts a new RSeq space).
        internal string RemoteTag;

        internal long RetransmitAt = long.MaxValue;
        internal long GiveUpAt = long.MaxValue;
        internal int Interval;
        internal NetEndPoint Destination;

        /// <summary>Forgets everything (slot reuse).</summary>
        public void Clear()
        {
            Reliable = false;
            LocalRSeq = 0;
            RemoteRSeq = 0;
            HasRemoteRSeq = false;
            RemoteTag = null;
            Stop();
        }

        /// <summary>Stops retransmitting (PRACK came, a final response went, or the call ended).</summary>
        public void Stop()
        {
            Unacknowledged = false;
            RetransmitAt = GiveUpAt = long.MaxValue;
            Interval = 0;
        }
    }
}
