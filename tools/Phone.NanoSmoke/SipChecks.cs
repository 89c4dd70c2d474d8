// Self-checks of Phone.Core.Sip on nanoCLR: parse an office INVITE (RFC 3261 §7) and read its key fields.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Sip;

    /// <summary>An INVITE as a cloud PBX sends it to a desk phone, parsed by the core's parser.</summary>
    public static class SipChecks
    {
        /// <summary>The message, with CRLF line ends and a 4-byte body.</summary>
        public const string Invite =
            "INVITE sip:201@192.168.1.50:5060 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "To: \"Desk 201\" <sip:201@pbx.example.com>\r\n" +
            "From: \"Reception\" <sip:100@pbx.example.com>;tag=1928301774\r\n" +
            "Call-ID: a84b4c76e66710@pbx.example.com\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Contact: <sip:100@10.0.0.1:5060>\r\n" +
            "Content-Type: application/sdp\r\n" +
            "Content-Length: 4\r\n" +
            "\r\n" +
            "v=0\n";

        /// <summary>Runs the checks.</summary>
        public static void Run()
        {
            try
            {
                byte[] buf = Ascii.Bytes(Invite);
                SipMessage m = new SipMessage();
                bool ok = m.TryParse(buf, 0, buf.Length);
                Report.Check("Sip.SipMessage.TryParse office INVITE (error " + ((int)m.Error).ToString() + ")", ok);
                if (!ok) return;
                Report.Check("Sip request INVITE", m.IsRequest && m.Method == SipMethod.Invite && m.MethodName.Equals(buf, "INVITE"));
                Report.Equal("Sip Via branch", "z9hG4bK776asdhds", m.Via.Branch.ToString(buf));
                Report.Equal("Sip From tag", "1928301774", m.From.Tag.ToString(buf));
                Report.Equal("Sip Call-ID", "a84b4c76e66710@pbx.example.com", m.CallId.ToString(buf));
                Report.Equal("Sip CSeq", 314159, m.CSeqNumber);
                Report.Equal("Sip Max-Forwards", 70, m.MaxForwards);
                Report.Equal("Sip body", "v=0\n", m.Body.ToString(buf));
            }
            catch (Exception e)
            {
                Report.Threw("Sip", e);
            }
        }
    }
}
