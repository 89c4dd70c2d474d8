// Session timer of one call (RFC 4028): the negotiated interval, which side refreshes, and the next deadline.
namespace Phone.Core.Sip.Calls
{
    /// <summary>
    /// RFC 4028 state kept in a <see cref="Call"/>: fixed fields, no timer object. The refresher refreshes at half the
    /// interval (§10); the other side sends BYE when no refresh came by interval − min(32 s, interval/3) (§10).
    /// </summary>
    public sealed class SessionTimer
    {
        // The yes/no values below in one word: nanoCLR gives every field a 12-byte block.
        private int _flags;

        private bool Flag(int bit) => (_flags & bit) != 0;

        private void SetFlag(int bit, bool on) => _flags = on ? _flags | bit : _flags & ~bit;

        /// <summary>Negotiated session interval in seconds; 0 when the session has no timer.</summary>
        public int IntervalSeconds { get; private set; }

        /// <summary>True when we are the refresher (refresher=uac in our request's 2xx, or uas in our 2xx).</summary>
        public bool WeRefresh { get { return Flag(0x1); } private set { SetFlag(0x1, value); } }

        /// <summary>When we refresh next (ms), or long.MaxValue.</summary>
        public long RefreshAt { get; internal set; } = long.MaxValue;

        /// <summary>When we end the session for want of a refresh (ms), or long.MaxValue.</summary>
        public long ExpireAt { get; internal set; } = long.MaxValue;

        /// <summary>Largest Min-SE learned from a 422 for this call (0: none), RFC 4028 §7.4.</summary>
        internal int LearnedMinSE;

        /// <summary>Session-Expires we ask for in this call's requests (our default, raised by a 422).</summary>
        internal int RequestedSeconds;

        /// <summary>422 retries of this call (bounded so two boxes cannot loop).</summary>
        internal int Retries422;

        /// <summary>The peer listed UPDATE in Allow (RFC 3311 §5.1): refreshes may use UPDATE.</summary>
        internal bool PeerAllowsUpdate { get { return Flag(0x2); } set { SetFlag(0x2, value); } }

        /// <summary>The re-INVITE in flight is a session refresh, not a hold change.</summary>
        internal bool RefreshByInvite { get { return Flag(0x4); } set { SetFlag(0x4, value); } }

        /// <summary>Our refresh UPDATE in flight (its client transaction), or null.</summary>
        internal object UpdateClient;

        // The interval our 2xx announces (0: none); it takes effect when that 2xx is sent (RFC 4028 §9).
        internal int PendingSeconds;
        internal bool PendingWeRefresh { get { return Flag(0x8); } set { SetFlag(0x8, value); } }

        /// <summary>Forgets everything (slot reuse).</summary>
        public void Clear()
        {
            Stop();
            LearnedMinSE = 0;
            RequestedSeconds = 0;
            Retries422 = 0;
            PeerAllowsUpdate = false;
            RefreshByInvite = false;
            UpdateClient = null;
            PendingSeconds = 0;
            PendingWeRefresh = false;
        }

        /// <summary>Applies what our 2xx announced (called once that 2xx is sent).</summary>
        public void Commit(long nowMs)
        {
            if (PendingSeconds > 0) Start(PendingSeconds, PendingWeRefresh, nowMs);
            else Stop();
            PendingSeconds = 0;
        }

        /// <summary>
        /// (Re)starts the timer after a 2xx that carried Session-Expires (RFC 4028 §7.2 / §9): the refresher's deadline
        /// is half the interval, the other side's is interval − min(32, interval/3) seconds.
        /// </summary>
        public void Start(int intervalSeconds, bool weRefresh, long nowMs)
        {
            IntervalSeconds = intervalSeconds;
            WeRefresh = weRefresh;
            if (weRefresh)
            {
                RefreshAt = nowMs + (long)intervalSeconds * 500;
                ExpireAt = long.MaxValue;
            }
            else
            {
                int margin = intervalSeconds / 3 < 32 ? intervalSeconds / 3 : 32;
                ExpireAt = nowMs + (long)(intervalSeconds - margin) * 1000;
                RefreshAt = long.MaxValue;
            }
        }

        /// <summary>No session timer (a 2xx without Session-Expires, RFC 4028 §7.2; or the call ended).</summary>
        public void Stop()
        {
            IntervalSeconds = 0;
            WeRefresh = false;
            RefreshAt = ExpireAt = long.MaxValue;
        }

        /// <summary>The earlier of the two deadlines.</summary>
        public long NextDeadline => RefreshAt < ExpireAt ? RefreshAt : ExpireAt;
    }
}
