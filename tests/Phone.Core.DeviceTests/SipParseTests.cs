// On-device parse of an office INVITE (RFC 3261 §7.1 request line, §20.8 Call-ID, §20.16 CSeq).
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Sip;
    using Phone.Core.Text;

    /// <summary>The SIP parser on the board reads the fields the call logic needs.</summary>
    [TestClass]
    public class SipParseTests
    {
        private const string Invite =
            "INVITE sip:201@pbx.office.example SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK74bf9\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Desk 200\" <sip:200@pbx.office.example>;tag=9fxced76sl\r\n" +
            "To: <sip:201@pbx.office.example>\r\n" +
            "Call-ID: 3848276298220188511@192.168.1.20\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Contact: <sip:200@192.168.1.20:5060>\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>Method, Call-ID and CSeq come out of the INVITE's bytes.</summary>
        [TestMethod]
        public void Parses_office_invite()
        {
            byte[] data = new byte[Utf8.ByteCount(Invite)];
            Utf8.GetBytes(Invite, data, 0);
            var m = new SipMessage();

            Assert.IsTrue(m.TryParse(data, 0, data.Length));
            Assert.IsTrue(m.IsRequest);
            Assert.IsTrue(m.Method == SipMethod.Invite);
            Assert.IsTrue(m.MethodName.Equals(data, "INVITE"));
            Assert.AreEqual("3848276298220188511@192.168.1.20", m.CallId.ToString(data));
            Assert.AreEqual(314159u, m.CSeqNumber);
            Assert.IsTrue(m.CSeqMethod == SipMethod.Invite);
            Assert.AreEqual(70, m.MaxForwards);
            Assert.AreEqual(0, m.ContentLength);
        }

        /// <summary>A request line without the SIP version is dropped, not thrown.</summary>
        [TestMethod]
        public void Refuses_a_broken_request_line()
        {
            string text = "INVITE sip:201@pbx.office.example\r\nContent-Length: 0\r\n\r\n";
            byte[] data = new byte[Utf8.ByteCount(text)];
            Utf8.GetBytes(text, data, 0);
            var m = new SipMessage();

            Assert.IsFalse(m.TryParse(data, 0, data.Length));
            Assert.IsFalse(m.IsValid);
        }
    }
}
