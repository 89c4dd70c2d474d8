// Dialog creation, route sets, in-dialog request building and matching (RFC 3261 §12).
namespace Phone.Core.Tests.Sip.Dialogs
{
    using System.Text;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Dialogs;

    public class DialogTests
    {
        private static SipMessage Parse(string text)
        {
            var m = new SipMessage();
            byte[] b = Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n"));
            Assert.True(m.TryParse(b, 0, b.Length));
            return m;
        }

        private const string Ok =
            "SIP/2.0 200 OK\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\n" +
            "Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>\n" +
            "From: <sip:a@x>;tag=aaa\nTo: <sip:b@x>;tag=bbb\nCall-ID: c1@h\nCSeq: 1 INVITE\n" +
            "Contact: <sip:b@10.0.0.2:5062>\nContent-Length: 0\n\n";

        private static string Write(Dialog d, SipMethod method, uint cseq)
        {
            var buf = new byte[2000];
            var w = new SipWriter(buf);
            byte[] br = Encoding.ASCII.GetBytes("z9hG4bKx");
            d.WriteRequest(w, method, cseq, "10.0.0.1", 5060, br, br.Length);
            w.EndWithoutBody();
            return Encoding.ASCII.GetString(buf, 0, w.Length);
        }

        [Fact]
        public void Uac_dialog_reverses_the_record_route_and_targets_the_contact()
        {
            var d = new Dialog();
            Assert.True(d.InitUac(Parse(Ok), "<sip:a@x>;tag=aaa", "aaa", 1));
            Assert.Equal(DialogState.Confirmed, d.State);
            Assert.Equal("c1@h", d.CallId);
            Assert.Equal("bbb", d.RemoteTag);
            Assert.Equal("sip:b@10.0.0.2:5062", d.RemoteTarget);
            Assert.Equal(2, d.RouteCount);
            Assert.Equal("<sip:p1.example.com;lr>", d.Route(0));
            string bye = Write(d, SipMethod.Bye, ++d.LocalCSeq);
            Assert.StartsWith("BYE sip:b@10.0.0.2:5062 SIP/2.0\r\n", bye);   // loose routing: Request-URI = target
            Assert.Contains("CSeq: 2 BYE\r\n", bye);
            Assert.True(bye.IndexOf("Route: <sip:p1.example.com;lr>") < bye.IndexOf("Route: <sip:p2.example.com;lr>"));
            Assert.Contains("To: <sip:b@x>;tag=bbb\r\n", bye);
        }

        [Fact]
        public void Packed_state_flags_and_route_count_change_independently_and_reset_to_empty()
        {
            var d = new Dialog();
            Assert.True(d.InitUac(Parse(Ok), "<sip:a@x>;tag=aaa", "aaa", 1));
            Assert.True(d.IsUac);
            Assert.False(d.HasRemoteCSeq);
            d.State = DialogState.Terminated;
            d.HasRemoteCSeq = true;
            d.IsUac = false;
            Assert.Equal(2, d.RouteCount);
            Assert.Equal("<sip:p2.example.com;lr>", d.Route(1));
            Assert.Null(d.Route(2));
            Assert.Equal(DialogState.Terminated, d.State);
            Assert.True(d.HasRemoteCSeq);
            Assert.False(d.IsUac);
            d.HasRemoteCSeq = false;
            d.State = DialogState.Early;
            Assert.False(d.HasRemoteCSeq);
            Assert.Equal(DialogState.Early, d.State);
            Assert.Equal(2, d.RouteCount);

            d.Reset();
            Assert.Equal(DialogState.Free, d.State);
            Assert.False(d.IsUac);
            Assert.False(d.HasRemoteCSeq);
            Assert.Equal(0, d.RouteCount);
            Assert.Null(d.Route(0));

            // The same slot for a dialog without Record-Route: no route set left over from the last one.
            Assert.True(d.InitUas(Parse(Ok.Replace("Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>\n", "")
                .Replace("SIP/2.0 200 OK", "INVITE sip:b@x SIP/2.0").Replace(";tag=bbb", "")), "ccc", true));
            Assert.Equal(0, d.RouteCount);
            Assert.Null(d.Route(0));
            Assert.True(d.HasRemoteCSeq);
            Assert.Equal(DialogState.Confirmed, d.State);
            Assert.StartsWith("BYE sip:b@10.0.0.2:5062 SIP/2.0\r\n", Write(d, SipMethod.Bye, 1));
            Assert.DoesNotContain("Route:", Write(d, SipMethod.Bye, 1));
        }

        [Fact]
        public void Strict_route_goes_into_the_request_uri_and_the_target_last_in_route()
        {
            var d = new Dialog();
            Assert.True(d.InitUac(Parse(Ok.Replace("<sip:p1.example.com;lr>", "<sip:p1.example.com>")), "<sip:a@x>;tag=aaa", "aaa", 1));
            string bye = Write(d, SipMethod.Bye, 2);
            Assert.StartsWith("BYE sip:p1.example.com SIP/2.0\r\n", bye);
            Assert.Contains("Route: <sip:p2.example.com;lr>\r\nRoute: <sip:b@10.0.0.2:5062>\r\n", bye);
        }

        [Fact]
        public void Uas_dialog_keeps_record_route_order_matches_by_tags_and_rejects_old_cseq()
        {
            var inv = Parse("INVITE sip:b@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\n" +
                "Record-Route: <sip:p1;lr>\nRecord-Route: <sip:p2;lr>\nFrom: <sip:a@x>;tag=aaa\nTo: <sip:b@x>\n" +
                "Call-ID: c2@h\nCSeq: 7 INVITE\nContact: <sip:a@10.0.0.1>\nContent-Length: 0\n\n");
            var table = new DialogTable(2);
            Dialog d = table.Allocate("call");
            Assert.True(d.InitUas(inv, "bbb", true));
            Assert.Equal("<sip:p1;lr>", d.Route(0));
            Assert.Equal("<sip:b@x>;tag=bbb", d.LocalHeader);
            var bye = Parse("BYE sip:b@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK2\n" +
                "From: <sip:a@x>;tag=aaa\nTo: <sip:b@x>;tag=bbb\nCall-ID: c2@h\nCSeq: 8 BYE\nContent-Length: 0\n\n");
            Assert.Same(d, table.Find(bye));
            Assert.True(d.AcceptRemoteCSeq(bye));
            Assert.False(d.AcceptRemoteCSeq(bye));                 // §12.2.2: not higher → 500
            var other = Parse("BYE sip:b@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK3\n" +
                "From: <sip:a@x>;tag=zzz\nTo: <sip:b@x>;tag=bbb\nCall-ID: c2@h\nCSeq: 9 BYE\nContent-Length: 0\n\n");
            Assert.Null(table.Find(other));
            Assert.NotNull(table.Allocate("x"));
            Assert.Null(table.Allocate("y"));                       // two slots: a third allocation fails
        }

        [Fact]
        public void A_dialog_exists_only_while_its_slot_is_in_use_and_the_table_never_grows()
        {
            var table = new DialogTable(2);
            Assert.Null(table.Get(0));
            Assert.Null(table.Get(1));
            Dialog a = table.Allocate("a");
            Dialog b = table.Allocate("b");
            Assert.NotNull(a);
            Assert.NotSame(a, b);
            Assert.Null(table.Allocate("c"));                       // full: two slots
            table.Release(a);
            Assert.Null(table.Get(0));                              // let go, and reset for anyone still holding it
            Assert.Equal(DialogState.Free, a.State);
            Assert.Null(a.Owner);
            Dialog c = table.Allocate("c");
            Assert.NotNull(c);
            Assert.NotSame(a, c);
            Assert.Same(c, table.Get(0));
            Assert.Null(table.Allocate("d"));
            // A dialog reset in place (not released) is reused as it is.
            b.Reset();
            Assert.Same(b, table.Allocate("e"));
        }
    }
}
