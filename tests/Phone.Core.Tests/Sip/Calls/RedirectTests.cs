// 3xx redirects as UAC against scripted redirect servers (RFC 3261 §8.1.3.4): q order, next target on failure, loops, limit.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;

    public class RedirectTests
    {
        private sealed class Rig
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly SessionWire Wire;
            public readonly TwoPhoneNet.Ua A;
            public readonly Call Call;

            public Rig()
            {
                Wire = new SessionWire(Net);
                A = Net.Add(1);
                Call = A.Manager.PlaceCall("sip:505@10.0.0.5", Net.Now);
                Net.Pump();
            }

            public List<string> Invites => Wire.Starting("INVITE ");

            /// <summary>The last INVITE's target answers with a final response (from the address in its Request-URI).</summary>
            public void Answer(int code, string reason, string headers = "")
            {
                string invite = Invites[Invites.Count - 1];
                SipMessage m = SessionWire.Parse(invite);
                uint addr;
                Assert.True(NetEndPoint.TryParseAddress(m.GetString(m.RequestUri.Host), out addr));
                Wire.Deliver(SessionWire.Response(invite, code, reason, "srv" + Invites.Count, headers, null), new NetEndPoint(addr, 5060), A.EndPoint);
            }

            public string[] RequestUris => Invites.ConvertAll(m => TwoPhoneNet.FirstLine(m).Split(' ')[1]).ToArray();
        }

        [Fact]
        public void Contacts_are_tried_best_q_first_each_after_the_previous_failed_with_the_same_call_id_tags_and_to()
        {
            var r = new Rig();
            r.Answer(300, "Multiple Choices",
                "Contact: <sip:a@10.0.0.6>;q=0.5, <sip:b@10.0.0.7>;q=0.9\r\nContact: <sip:c@10.0.0.8>\r\nContact: <tel:+4930123>\r\n");
            Assert.Equal(new[] { "sip:505@10.0.0.5", "sip:c@10.0.0.8" }, r.RequestUris);
            Assert.Equal(CallState.Calling, r.Call.State);
            r.Answer(486, "Busy Here");
            Assert.Equal("sip:b@10.0.0.7", r.RequestUris[2]);                        // 4xx: the next contact (§8.1.3.4)
            r.Answer(503, "Service Unavailable");
            Assert.Equal("sip:a@10.0.0.6", r.RequestUris[3]);
            r.Answer(404, "Not Found");
            Assert.Equal(4, r.Invites.Count);
            Assert.Equal(CallState.Terminated, r.Call.State);
            Assert.Equal(404, r.Call.EndCode);

            SipMessage first = SessionWire.Parse(r.Invites[0]);
            for (int i = 0; i < 4; i++)
            {
                SipMessage m = SessionWire.Parse(r.Invites[i]);
                Assert.Equal((uint)(i + 1), m.CSeqNumber);
                Assert.Equal(first.GetString(first.CallId), m.GetString(m.CallId));
                Assert.Equal(first.GetString(first.From.Tag), m.GetString(m.From.Tag));
                Assert.Equal("<sip:505@10.0.0.5>", m.GetString(m.To.Whole));          // To stays the original target
            }
            Assert.Equal(3, r.A.Manager.Stats.Redirects);
        }

        [Fact]
        public void Only_a_3xx_builds_the_target_set_and_the_next_call_in_the_slot_starts_without_one()
        {
            var r = new Rig();
            Assert.Null(r.Call.Redirect);
            r.Answer(302, "Moved Temporarily", "Contact: <sip:606@10.0.0.6>\r\n");
            Assert.NotNull(r.Call.Redirect);
            Assert.Equal(new[] { "sip:505@10.0.0.5", "sip:606@10.0.0.6" }, r.Call.Redirect.TriedUris[..2]);
            r.Answer(486, "Busy Here");
            Assert.Equal(CallState.Terminated, r.Call.State);

            // A failure without any 3xx before it builds nothing.
            Call next = r.A.Manager.PlaceCall("sip:707@10.0.0.7", r.Net.Now);
            r.Net.Pump();
            Assert.Same(r.Call, next);                                   // the same slot, cleared
            Assert.Null(next.Redirect);
            r.Answer(486, "Busy Here");
            Assert.Equal(CallState.Terminated, next.State);
            Assert.Null(next.Redirect);
            Assert.Equal(1, r.A.Manager.Stats.Redirects);
        }

        [Fact]
        public void A_redirect_back_to_a_uri_already_tried_ends_the_call_instead_of_looping()
        {
            var r = new Rig();
            r.Answer(302, "Moved Temporarily", "Contact: <sip:606@10.0.0.6>\r\n");
            r.Answer(302, "Moved Temporarily", "Contact: <SIP:505@10.0.0.5>, <sip:606@10.0.0.6>\r\n");
            Assert.Equal(2, r.Invites.Count);
            Assert.Equal(CallState.Terminated, r.Call.State);
            Assert.Equal(302, r.Call.EndCode);
        }

        [Fact]
        public void A_chain_of_new_redirects_stops_after_three()
        {
            var r = new Rig();
            for (int i = 1; i <= 4; i++) r.Answer(302, "Moved Temporarily", "Contact: <sip:60" + i + "@10.0.0." + (10 + i) + ">\r\n");
            Assert.Equal(1 + CallManager.MaxRedirects, r.Invites.Count);
            Assert.Equal(CallState.Terminated, r.Call.State);
            Assert.Equal(302, r.Call.EndCode);
        }

        [Fact]
        public void A_6xx_from_a_redirected_target_is_final_and_a_bad_q_value_is_skipped()
        {
            var r = new Rig();
            r.Answer(300, "Multiple Choices", "Contact: <sip:x@10.0.0.6>;q=2, <sip:b@10.0.0.7>;q=0.75, <sip:c@10.0.0.8>;q=1.000\r\n");
            Assert.Equal(1, r.A.Manager.Stats.RedirectTargetsIgnored);
            Assert.Equal("sip:c@10.0.0.8", r.RequestUris[1]);
            r.Answer(603, "Decline");
            Assert.Equal(2, r.Invites.Count);                                         // b is not tried after a global refusal
            Assert.Equal(603, r.Call.EndCode);
        }

        [Fact]
        public void A_redirected_target_that_answers_connects_the_call()
        {
            var r = new Rig();
            r.Answer(301, "Moved Permanently", "Contact: <sip:707@10.0.0.7>;q=0.1\r\n");
            string invite = r.Invites[1];
            r.Wire.Deliver(SessionWire.Response(invite, 200, "OK", "t707", "Contact: <sip:707@10.0.0.7:5060>\r\n", SessionWire.Sdp),
                new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 7), 5060), r.A.EndPoint);
            Assert.Equal(CallState.Connected, r.Call.State);
            Assert.StartsWith("ACK sip:707@10.0.0.7:5060", r.Wire.Last("ACK"));
            Assert.Equal("2 ACK", SessionWire.Header(r.Wire.Last("ACK"), "CSeq"));
        }
    }
}
