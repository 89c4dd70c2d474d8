// A SIP peer (registrar + proxy) that answers only every third request it receives: RFC 3261 §17 retransmissions
// keep registration and calls working; when the callee is gone, calls end with 408 after Timer B or F (§8.1.3.1).
namespace Phone.Core.Tests.Faults
{
    using System.Collections.Generic;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Tests.Sip.Calls;
    using Phone.Core.Tests.Sip.Registration;
    using Xunit.Abstractions;

    public class SipLossyPeerTests
    {
        private readonly ITestOutputHelper _out;

        public SipLossyPeerTests(ITestOutputHelper output) => _out = output;

        /// <summary>
        /// Phone A (u1: registration + calls on one transaction layer) and phone B (u2), both behind the test proxy,
        /// which is also A's registrar. The proxy sees only requests whose arrival count is a multiple of three; the
        /// two before each are lost on the way in. Responses always get through. The clock is manual.
        /// </summary>
        private sealed class Rig : ICallListener
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly TwoPhoneNet.Ua A, B;
            public readonly RegistrationClient Reg;
            public int RequestsAtPeer, Delivered, Dropped, DroppedFromA, DroppedAcksFromA, DroppedOkAcks, DroppedFromB;
            public int Registrations, RegistrationFailures, Unregistrations;
            public bool CalleeUnplugged;
            public readonly List<(long At, Call Call, CallState State)> Transitions = new();
            /// <summary>Every datagram A sent, lost or not, with the time it left.</summary>
            public readonly List<(long At, string Text)> Sent = new();

            public Rig()
            {
                Net.Proxy = new TestProxy(Net);
                Net.Proxy.Passwords["u1"] = "secret1";
                A = Net.Add(1, c => c.OutboundProxy = TestProxy.EndPoint);
                B = Net.Add(2, c => c.OutboundProxy = TestProxy.EndPoint);
                A.Forward = this;
                var creds = new DigestCredentialStore(1);
                creds.Set(TestProxy.Realm, "u1", "secret1");
                var digest = new DigestClient(creds, new FixedRandom(), 2, 2);
                A.Manager.Digest = digest;
                Reg = new RegistrationClient(new RegistrationConfig
                {
                    AddressOfRecord = "sip:u1@pbx.test", RegistrarUri = "sip:pbx.test", ContactUser = "u1",
                    Targets = new[] { TestProxy.EndPoint }, LocalAddress = A.EndPoint.Address, LocalPort = 5060,
                    Expires = 3600, LearnPublicAddress = false,
                }, A.Manager.Layer, digest, new System.Random(5));
                A.Manager.Registration = Reg;
                Reg.Registered += (s, code, now) => Registrations++;
                Reg.Failed += (s, code, now) => RegistrationFailures++;
                Reg.Unregistered += (s, code, now) => Unregistrations++;
                Net.Drop = (text, from, to) =>
                {
                    if (from.SameAs(A.EndPoint)) Sent.Add((Net.Now, text));
                    if (CalleeUnplugged && to.Address == B.EndPoint.Address) return true;
                    if (!to.SameAs(TestProxy.EndPoint) || text.StartsWith("SIP/2.0 ")) return false;
                    if (++RequestsAtPeer % 3 == 0) { Delivered++; return false; }
                    Dropped++;
                    if (from.Address == A.EndPoint.Address)
                    {
                        DroppedFromA++;
                        if (text.StartsWith("ACK "))
                        {
                            DroppedAcksFromA++;
                            if (!text.Contains("tag=proxytag")) DroppedOkAcks++;   // an ACK for B's 2xx, not for the proxy's 407
                        }
                    }
                    else
                    {
                        DroppedFromB++;
                    }
                    return true;
                };
            }

            public long Now => Net.Now;

            /// <summary>Advances to t, polling both managers and the registration client at every deadline.</summary>
            public void RunUntil(long t)
            {
                for (int guard = 0; guard < 1000000; guard++)
                {
                    long next = PollAll(Net.Now);
                    if (next > t) break;
                    if (next > Net.Now) Net.Now = next;
                }
                Net.Now = t;
                PollAll(t);
            }

            /// <summary>
            /// Polls everything at one instant until nothing changes: a poll can start work elsewhere (the refresh
            /// timer starts a REGISTER transaction, a delivered 407 starts a new INVITE, Timer F reschedules the
            /// registration), so a deadline read before that work began would be stale.
            /// </summary>
            private long PollAll(long now)
            {
                long previous = -1;
                for (int guard = 0; guard < 1000; guard++)
                {
                    int log = Net.Log.Count, sent = Sent.Count;
                    long next = System.Math.Min(System.Math.Min(Reg.Poll(now), A.Manager.Poll(now)), B.Manager.Poll(now));
                    Net.Pump();
                    if (next == previous && Net.Log.Count == log && Sent.Count == sent) return next;
                    previous = next;
                }
                throw new System.InvalidOperationException("polls at " + now + " never settle");
            }

            public void OnIncomingCall(Call call, long nowMs) { }

            public void OnCallState(Call call, long nowMs) => Transitions.Add((nowMs, call, call.State));

            public void OnMediaChanged(Call call, long nowMs) { }

            /// <summary>When <paramref name="call"/> (a reused slot) first entered <paramref name="state"/> at or after <paramref name="after"/>.</summary>
            public long When(Call call, CallState state, long after) => Transitions.Find(x => x.Call == call && x.State == state && x.At >= after).At;
        }

        [Fact]
        public void Registration_refreshes_and_calls_survive_a_peer_that_answers_every_third_request()
        {
            var r = new Rig();
            r.Reg.Start(0);
            r.RunUntil(10000);
            Assert.Equal(RegistrationState.Registered, r.Reg.State);

            // Two hours: a call every 10 minutes (B answers 5 s after the INVITE left, 30 s of talk), alternately hung
            // up by A and by B; REGISTER refreshes at 50–90 % of the 3 600 s granted run underneath.
            const int calls = 12;
            var placed = new List<Call>();
            int byA = 0, byB = 0;
            for (int k = 0; k < calls; k++)
            {
                long t = 60000 + k * 600000L;
                r.RunUntil(t);
                Call call = r.A.Manager.PlaceCall(r.B.Uri, t);
                Assert.NotNull(call);
                placed.Add(call);
                r.RunUntil(t + 5000);
                Assert.Equal(CallState.Ringing, r.B.Incoming.State);        // the INVITE got through (after the 407 round)
                Assert.True(r.B.Manager.Answer(r.B.Incoming, r.Now));
                r.RunUntil(t + 35000);
                Assert.Equal(CallState.Connected, call.State);
                Call incoming = r.B.Incoming;
                if (k % 2 == 0) { Assert.True(r.A.Manager.Hangup(call, r.Now)); byA++; }
                else { Assert.True(r.B.Manager.Hangup(incoming, r.Now)); byB++; }
                r.RunUntil(t + 70000);
                Assert.Equal(CallState.Terminated, call.State);
                Assert.Equal(CallState.Terminated, incoming.State);
                Assert.Equal(200, call.EndCode);
                Assert.Equal(200, incoming.EndCode);
            }
            r.RunUntil(2 * 3600000L);
            r.Reg.Unregister(r.Now);
            r.RunUntil(r.Now + 60000);                                       // every Timer D/K/M/I/J/L has run out
            Assert.Equal(RegistrationState.Unregistered, r.Reg.State);

            // Nothing leaks: no transaction, call or 2xx retransmission left anywhere.
            Assert.Equal(0, r.A.Manager.Layer.ActiveClients + r.A.Manager.Layer.ActiveServers);
            Assert.Equal(0, r.B.Manager.Layer.ActiveClients + r.B.Manager.Layer.ActiveServers);
            Assert.Equal(0, r.A.Manager.ActiveCalls + r.B.Manager.ActiveCalls);

            // Counters add up. The peer saw three requests for every one it answered.
            Assert.Equal(r.RequestsAtPeer, r.Delivered + r.Dropped);
            Assert.Equal(r.RequestsAtPeer / 3, r.Delivered);
            // Every request lost on the way was made good by exactly one timer retransmission (A/E), except ACKs,
            // which are not retransmitted by a timer: a lost ACK for a 2xx costs the callee one 2xx retransmission
            // (§13.3.1.4), which the caller ACKs again; a lost ACK for the proxy's 407 costs nothing (it is stateless).
            TransactionStats sa = r.A.Manager.Layer.Stats, sb = r.B.Manager.Layer.Stats;
            Assert.Equal(r.DroppedFromA - r.DroppedAcksFromA, sa.Retransmissions);
            Assert.Equal(r.DroppedFromB, sb.Retransmissions);
            Assert.Equal(r.DroppedOkAcks, r.B.Manager.Stats.OkRetransmissions);
            Assert.Equal(0, sa.Timeouts + sb.Timeouts + sa.TransportErrors + sb.TableFull + sa.TableFull);
            Assert.Equal(0, r.B.Manager.Stats.AckTimeouts);
            Assert.Equal(0, r.RegistrationFailures);
            Assert.True(r.Registrations >= 1 + 7200 / 3240, "refreshes: " + r.Registrations);  // first + one per ≤ 3 240 s
            Assert.Equal(1, r.Unregistrations);
            Assert.Equal(r.Registrations + r.Unregistrations, r.Net.Proxy.Registered);   // the proxy answers Expires: 0 with 200 too
            Assert.Equal(calls, r.A.Manager.Stats.Placed);
            Assert.Equal(calls, r.Net.Proxy.Verified);                       // one authenticated INVITE per call reached B
            Assert.Equal(calls, r.B.Manager.Stats.Received);
            Assert.Equal(calls / 2, byA);
            Assert.Equal(calls / 2, byB);
            Assert.True(r.Dropped > 2 * calls, "the peer really dropped requests: " + r.Dropped);
            _out.WriteLine("requests at the peer " + r.RequestsAtPeer + ", answered " + r.Delivered + ", dropped " + r.Dropped
                + "; A retransmissions " + sa.Retransmissions + ", B retransmissions " + sb.Retransmissions
                + ", B 2xx retransmissions " + r.B.Manager.Stats.OkRetransmissions + "; registrations " + r.Registrations
                + ", calls " + calls + " all completed");
        }

        [Fact]
        public void With_the_callee_gone_calls_end_with_408_after_timer_b_or_f_and_nothing_leaks()
        {
            var r = new Rig();
            r.Reg.Start(0);
            r.RunUntil(10000);
            Assert.Equal(RegistrationState.Registered, r.Reg.State);
            TransactionTimers(r.A.Manager.Layer.Timers);

            // 1. Callee unplugged before the call: the proxy forwards the INVITE (every third), nobody answers; the
            //    caller's INVITE transaction (after the 407 round) gives up at Timer B = 64·T1 (§17.1.1.2) → 408.
            r.CalleeUnplugged = true;
            Call first = r.A.Manager.PlaceCall(r.B.Uri, 20000);
            r.RunUntil(20000 + 5000);
            Assert.Equal(CallState.Calling, first.State);                     // no provisional: Timer B runs
            long invitedAt = FirstAuthenticatedInviteSentAfter(r, 20000);
            r.RunUntil(invitedAt + 64 * 500 - 1);
            Assert.Equal(CallState.Calling, first.State);
            r.RunUntil(invitedAt + 64 * 500);
            Assert.Equal(CallState.Terminated, first.State);
            Assert.Equal(408, first.EndCode);
            Assert.Equal(invitedAt + 64 * 500, r.When(first, CallState.Terminated, 20000));

            // 2. Callee unplugged mid-call: A's BYE reaches the proxy (every third), is forwarded into the void, and
            //    the BYE's non-INVITE transaction ends at Timer F = 64·T1 (§17.1.2.2) → the call ends with 408.
            r.CalleeUnplugged = false;
            long t = 120000;
            r.RunUntil(t);
            Call second = r.A.Manager.PlaceCall(r.B.Uri, t);
            r.RunUntil(t + 5000);
            Assert.True(r.B.Manager.Answer(r.B.Incoming, r.Now));
            r.RunUntil(t + 35000);
            Assert.Equal(CallState.Connected, second.State);
            r.CalleeUnplugged = true;
            long byeAt = r.Now;
            Assert.True(r.A.Manager.Hangup(second, byeAt));
            r.RunUntil(byeAt + 64 * 500 - 1);
            Assert.NotEqual(CallState.Terminated, second.State);
            r.RunUntil(byeAt + 64 * 500);
            Assert.Equal(CallState.Terminated, second.State);
            Assert.Equal(408, second.EndCode);

            // B never heard the BYE; its own side ends when B hangs up (its BYE is lost too: 408 as well).
            Call orphan = r.B.Incoming;
            Assert.Equal(CallState.Connected, orphan.State);
            Assert.True(r.B.Manager.Hangup(orphan, r.Now));
            long orphanByeAt = r.Now;
            r.RunUntil(orphanByeAt + 64 * 500);
            Assert.Equal(CallState.Terminated, orphan.State);
            Assert.Equal(408, orphan.EndCode);

            r.CalleeUnplugged = false;
            r.Reg.Unregister(r.Now);
            r.RunUntil(r.Now + 60000);
            Assert.Equal(RegistrationState.Unregistered, r.Reg.State);
            Assert.Equal(0, r.A.Manager.Layer.ActiveClients + r.A.Manager.Layer.ActiveServers);
            Assert.Equal(0, r.B.Manager.Layer.ActiveClients + r.B.Manager.Layer.ActiveServers);
            Assert.Equal(0, r.A.Manager.ActiveCalls + r.B.Manager.ActiveCalls);
            // Timeouts: A's INVITE (Timer B), A's BYE and B's BYE (Timer F); nothing else timed out.
            Assert.Equal(2, r.A.Manager.Layer.Stats.Timeouts);
            Assert.Equal(1, r.B.Manager.Layer.Stats.Timeouts);
            Assert.Equal(0, r.RegistrationFailures);
            _out.WriteLine("INVITE sent at " + invitedAt + " ms, 408 at " + r.When(first, CallState.Terminated, 20000)
                + " ms; BYE sent at " + byeAt + " ms, call ended (408) at " + r.When(second, CallState.Terminated, byeAt) + " ms");
        }

        private static void TransactionTimers(SipTimers t) => Assert.Equal(500, t.T1);   // the figures above assume T1 = 500 ms

        private static long FirstAuthenticatedInviteSentAfter(Rig r, long after)
        {
            // The INVITE carrying Proxy-Authorization starts the transaction whose Timer B ends the call.
            long at = -1;
            foreach (var (time, text) in r.Sent)
            {
                if (time >= after && text.StartsWith("INVITE ") && text.Contains("Proxy-Authorization:")) { at = time; break; }
            }
            Assert.True(at >= 0, "no authenticated INVITE was sent");
            return at;
        }
    }
}
