// Counters of the call layer (dropped or refused signalling is counted, never thrown).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Counters of <see cref="CallManager"/>.</summary>
    public sealed class CallStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[27];

        /// <summary>Outgoing INVITEs placed.</summary>
        public int Placed { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Incoming INVITEs that rang.</summary>
        public int Received { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>Answered 486 Busy Here (no slot, or call waiting off).</summary>
        public int Busy { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Answered 488 (no common codec or unusable SDP).</summary>
        public int NotAcceptable { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>In-dialog requests for no dialog (481).</summary>
        public int NoDialog { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>2xx retransmitted by us as UAS (RFC 3261 §13.3.1.4).</summary>
        public int OkRetransmissions { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>ACKs re-sent for a retransmitted 2xx (RFC 3261 §13.2.2.4).</summary>
        public int AckRetransmissions { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>Calls ended because no ACK came for our 2xx within 64·T1.</summary>
        public int AckTimeouts { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>Requests answered 420 Bad Extension (Require listed a tag we do not support, RFC 3261 §8.2.2.3).</summary>
        public int BadExtension { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>Requests answered 422 Session Interval Too Small (RFC 4028 §9).</summary>
        public int IntervalTooSmall { get => _counts[9]; set => _counts[9] = value; }
        /// <summary>Session refreshes we sent (re-INVITE or UPDATE, RFC 4028 §10).</summary>
        public int SessionRefreshes { get => _counts[10]; set => _counts[10] = value; }
        /// <summary>Calls ended by us because no session refresh came (RFC 4028 §10).</summary>
        public int SessionExpirations { get => _counts[11]; set => _counts[11] = value; }
        /// <summary>PRACKs we sent (RFC 3262 §4).</summary>
        public int PracksSent { get => _counts[12]; set => _counts[12] = value; }
        /// <summary>Reliable provisionals ignored: retransmitted (already PRACKed) or out of order (RFC 3262 §4).</summary>
        public int ReliableProvisionalsIgnored { get => _counts[13]; set => _counts[13] = value; }
        /// <summary>Retransmissions of our reliable provisionals (RFC 3262 §3).</summary>
        public int ProvisionalRetransmissions { get => _counts[14]; set => _counts[14] = value; }
        /// <summary>INVITEs refused 5xx because our reliable provisional was never PRACKed (RFC 3262 §3).</summary>
        public int PrackTimeouts { get => _counts[15]; set => _counts[15] = value; }
        /// <summary>re-INVITEs retried after 491 Request Pending (RFC 3261 §14.1).</summary>
        public int GlareRetries { get => _counts[16]; set => _counts[16] = value; }
        /// <summary>Messages that could not be built (buffer overflow) or sent.</summary>
        public int SendFailures { get => _counts[17]; set => _counts[17] = value; }
        /// <summary>2xx to our INVITE from which no dialog could be made (no To tag, bad URI): the call ended 502.</summary>
        public int UnusableAnswers { get => _counts[18]; set => _counts[18] = value; }

        /// <summary>In-dialog requests (REFER, BYE, re-INVITE, UPDATE, NOTIFY, PRACK) resent with credentials after a 401/407.</summary>
        public int InDialogAuthRetries { get => _counts[19]; set => _counts[19] = value; }

        /// <summary>401/407 to an in-dialog request not answered again: refused credentials (not stale), no usable challenge, or too many.</summary>
        public int InDialogAuthFailures { get => _counts[20]; set => _counts[20] = value; }

        /// <summary>183 Session Progress with SDP sent for early media (reliably when the caller asked for 100rel).</summary>
        public int EarlyMediaSent { get => _counts[21]; set => _counts[21] = value; }

        /// <summary>New INVITEs sent to a target learnt from a 3xx Contact (RFC 3261 §8.1.3.4).</summary>
        public int Redirects { get => _counts[22]; set => _counts[22] = value; }

        /// <summary>3xx Contacts not kept: malformed q, or more targets than the set holds (the lowest q goes).</summary>
        public int RedirectTargetsIgnored { get => _counts[23]; set => _counts[23] = value; }

        /// <summary>2xx to our INVITE ACKed and then BYEd: a later fork's answer, or a late answer to an INVITE given up (RFC 3261 §13.2.2.4).</summary>
        public int UnwantedAnswersEnded { get => _counts[24]; set => _counts[24] = value; }
        /// <summary>18x from forks beyond <see cref="CallManager.MaxDialogsPerCall"/> early dialogs, not tracked.</summary>
        public int ForksIgnored { get => _counts[25]; set => _counts[25] = value; }
        /// <summary>Requests of calls the transport refused, first send or retransmission (RFC 3261 §17.1.4: the call ends 503).</summary>
        public int TransportErrors { get => _counts[26]; set => _counts[26] = value; }
    }
}
