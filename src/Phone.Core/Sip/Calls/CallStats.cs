// Counters of the call layer (dropped or refused signalling is counted, never thrown).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Counters of <see cref="CallManager"/>.</summary>
    public sealed class CallStats
    {
        /// <summary>Outgoing INVITEs placed.</summary>
        public int Placed;
        /// <summary>Incoming INVITEs that rang.</summary>
        public int Received;
        /// <summary>Answered 486 Busy Here (no slot, or call waiting off).</summary>
        public int Busy;
        /// <summary>Answered 488 (no common codec or unusable SDP).</summary>
        public int NotAcceptable;
        /// <summary>In-dialog requests for no dialog (481).</summary>
        public int NoDialog;
        /// <summary>2xx retransmitted by us as UAS (RFC 3261 §13.3.1.4).</summary>
        public int OkRetransmissions;
        /// <summary>ACKs re-sent for a retransmitted 2xx (RFC 3261 §13.2.2.4).</summary>
        public int AckRetransmissions;
        /// <summary>Calls ended because no ACK came for our 2xx within 64·T1.</summary>
        public int AckTimeouts;
        /// <summary>Requests answered 420 Bad Extension (Require listed a tag we do not support, RFC 3261 §8.2.2.3).</summary>
        public int BadExtension;
        /// <summary>Requests answered 422 Session Interval Too Small (RFC 4028 §9).</summary>
        public int IntervalTooSmall;
        /// <summary>Session refreshes we sent (re-INVITE or UPDATE, RFC 4028 §10).</summary>
        public int SessionRefreshes;
        /// <summary>Calls ended by us because no session refresh came (RFC 4028 §10).</summary>
        public int SessionExpirations;
        /// <summary>PRACKs we sent (RFC 3262 §4).</summary>
        public int PracksSent;
        /// <summary>Reliable provisionals ignored: retransmitted (already PRACKed) or out of order (RFC 3262 §4).</summary>
        public int ReliableProvisionalsIgnored;
        /// <summary>Retransmissions of our reliable provisionals (RFC 3262 §3).</summary>
        public int ProvisionalRetransmissions;
        /// <summary>INVITEs refused 5xx because our reliable provisional was never PRACKed (RFC 3262 §3).</summary>
        public int PrackTimeouts;
        /// <summary>re-INVITEs retried after 491 Request Pending (RFC 3261 §14.1).</summary>
        public int GlareRetries;
        /// <summary>Messages that could not be built (buffer overflow) or sent.</summary>
        public int SendFailures;
        /// <summary>2xx to our INVITE from which no dialog could be made (no To tag, bad URI): the call ended 502.</summary>
        public int UnusableAnswers;

        /// <summary>In-dialog requests (REFER, BYE, re-INVITE, UPDATE, NOTIFY, PRACK) resent with credentials after a 401/407.</summary>
        public int InDialogAuthRetries;

        /// <summary>401/407 to an in-dialog request not answered again: refused credentials (not stale), no usable challenge, or too many.</summary>
        public int InDialogAuthFailures;

        /// <summary>183 Session Progress with SDP sent for early media (reliably when the caller asked for 100rel).</summary>
        public int EarlyMediaSent;

        /// <summary>New INVITEs sent to a target learnt from a 3xx Contact (RFC 3261 §8.1.3.4).</summary>
        public int Redirects;

        /// <summary>3xx Contacts not kept: malformed q, or more targets than the set holds (the lowest q goes).</summary>
        public int RedirectTargetsIgnored;

        /// <summary>2xx to our INVITE ACKed and then BYEd: a later fork's answer, or a late answer to an INVITE given up (RFC 3261 §13.2.2.4).</summary>
        public int UnwantedAnswersEnded;
        /// <summary>18x from forks beyond <see cref="CallManager.MaxDialogsPerCall"/> early dialogs, not tracked.</summary>
        public int ForksIgnored;
        /// <summary>Requests of calls the transport refused, first send or retransmission (RFC 3261 §17.1.4: the call ends 503).</summary>
        public int TransportErrors;
    }
}
