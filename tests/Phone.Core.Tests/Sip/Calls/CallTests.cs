// Two user agents calling each other over an in-memory network with a manual clock (RFC 3261 §13–15, RFC 3264).
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;

    public class CallTests
    {
        private static (TwoPhoneNet Net, TwoPhoneNet.Ua A, TwoPhoneNet.Ua B) Pair(
            System.Action<CallConfig> a = null, System.Action<CallConfig> b = null)
        {
            var net = new TwoPhoneNet();
            return (net, net.Add(1, a), net.Add(2, b));
        }

        private static Call Connect(TwoPhoneNet net, TwoPhoneNet.Ua a, TwoPhoneNet.Ua b)
        {
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            Assert.NotNull(call);
            net.Pump();
            Assert.NotNull(b.Incoming);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            return call;
        }

        [Fact]
        public void Invite_ring_answer_ack_negotiates_media_and_bye_from_caller_ends_both()
        {
            var (net, a, b) = Pair();
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            Assert.Equal(CallState.Calling, call.State);
            net.Pump();
            Assert.Equal(CallState.Proceeding, call.State);                 // 180 with a To tag: early dialog
            Assert.NotNull(call.Dialog);
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            Assert.Equal(1, net.Count("SIP/2.0 180 Ringing"));

            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(CallState.Connected, b.Incoming.State);
            Assert.Equal(1, net.Count("ACK sip:u2@10.0.0.2:5060"));         // ACK to the remote target (Contact)

            // Offer/answer: each side sends to the other's RTP port, PCMU (first offered), telephone-event 101.
            Assert.True(call.Media.IsEstablished);
            Assert.True(b.Incoming.Media.IsEstablished);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Equal(call.LocalRtpPort, b.Incoming.Media.RemotePort);
            Assert.Equal("IP4 10.0.0.2", call.Media.RemoteAddress.ToString());
            Assert.Equal(SdpOfferAnswer.Pcmu, call.Media.Codec);
            Assert.Equal(101, b.Incoming.Media.TelephoneEventPayloadType);

            // ACK arrived: no 2xx retransmission later.
            net.RunUntil(net.Now + 10000);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);

            Assert.True(a.Manager.Hangup(call, net.Now));
            Assert.Equal(CallState.Terminating, call.State);
            net.Pump();
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(CallState.Terminated, b.Incoming.State);
            Assert.Equal(200, b.Incoming.EndCode);
            Assert.Null(call.Dialog);
            Assert.Equal(0, a.Manager.ActiveCalls);
            Assert.Equal(0, b.Manager.ActiveCalls);
        }

        [Fact]
        public void Bye_from_callee_ends_the_call_and_uses_the_callees_own_cseq_space()
        {
            var (net, a, b) = Pair();
            Call call = Connect(net, a, b);
            Assert.True(b.Manager.Hangup(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(200, call.EndCode);
            Assert.Contains(net.Log, l => l == "u1 <- BYE sip:u1@10.0.0.1:5060 SIP/2.0");
        }

        [Fact]
        public void Cancel_before_answer_gives_487_on_both_sides()
        {
            var (net, a, b) = Pair();
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(a.Manager.Hangup(call, net.Now));
            net.Pump();
            Assert.Equal(1, net.Count("CANCEL"));
            Assert.Equal(CallState.Terminated, b.Incoming.State);
            Assert.Equal(487, b.Incoming.EndCode);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(487, call.EndCode);
        }

        [Fact]
        public void Hangup_before_any_provisional_defers_the_cancel_until_the_180()
        {
            var (net, a, b) = Pair();
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            Assert.True(a.Manager.Hangup(call, net.Now));              // RFC 3261 §9.1: no CANCEL before a 1xx
            Assert.Equal(CallState.Terminating, call.State);
            net.Pump();
            Assert.Equal(1, net.Count("CANCEL"));
            Assert.Equal(487, call.EndCode);
        }

        [Fact]
        public void Second_call_gets_486_when_call_waiting_is_off()
        {
            var (net, a, b) = Pair(null, c => c.CallWaiting = false);
            Connect(net, a, b);
            Call second = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Terminated, second.State);
            Assert.Equal(486, second.EndCode);
            Assert.Equal(1, b.Manager.Stats.Busy);
        }

        [Fact]
        public void Second_call_rings_when_call_waiting_is_on()
        {
            var (net, a, b) = Pair();
            Call first = Connect(net, a, b);
            Call second = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Proceeding, second.State);
            Assert.Equal(CallState.Connected, first.State);
            Assert.Equal(2, b.Manager.ActiveCalls);
            Assert.NotEqual(first.LocalRtpPort, second.LocalRtpPort);
        }

        [Fact]
        public void No_common_codec_gives_488()
        {
            var (net, a, b) = Pair(c => c.Codecs = new[] { SdpOfferAnswer.Pcma }, c => c.Codecs = new[] { SdpOfferAnswer.Pcmu });
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(488, call.EndCode);
            Assert.Null(b.Incoming);
            Assert.Equal(1, b.Manager.Stats.NotAcceptable);
        }

        [Fact]
        public void Lost_ack_the_callee_retransmits_the_200_and_the_caller_core_resends_the_ack()
        {
            var (net, a, b) = Pair();
            int acks = 0;
            net.Drop = (m, f, t) => m.StartsWith("ACK") && acks++ == 0;
            Call call = Connect(net, a, b);
            Assert.Equal(CallState.Connected, call.State);
            net.RunUntil(net.Now + 499);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);
            net.RunUntil(net.Now + 1);                                    // T1 = 500 ms
            Assert.Equal(1, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(1, a.Manager.Stats.AckRetransmissions);          // §13.2.2.4: the 2xx retransmission is ACKed again
            net.RunUntil(net.Now + 40000);
            Assert.Equal(1, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(CallState.Connected, b.Incoming.State);
        }

        [Fact]
        public void No_ack_at_all_the_callee_retransmits_with_backoff_then_sends_bye_after_64_t1()
        {
            var (net, a, b) = Pair();
            net.Drop = (m, f, t) => m.StartsWith("ACK");
            Call call = Connect(net, a, b);
            long start = net.Now;
            net.RunUntil(start + 31999);
            // 500, 1000, 2000, 4000, 4000 … (T1 doubling to T2): sent at 0.5 1.5 3.5 7.5 11.5 15.5 19.5 23.5 27.5 31.5 s
            Assert.Equal(10, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(CallState.Connected, b.Incoming.State);
            net.RunUntil(start + 32000);
            Assert.Equal(1, b.Manager.Stats.AckTimeouts);
            Assert.Equal(CallState.Terminated, b.Incoming.State);
            Assert.Equal(CallState.Terminated, call.State);
        }

        [Fact]
        public void Hold_and_resume_by_reinvite_change_the_directions_on_both_sides()
        {
            var (net, a, b) = Pair();
            Call call = Connect(net, a, b);
            int before = b.MediaChanges;
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            net.Pump();
            Assert.True(call.LocalHold);
            Assert.Equal(SdpDirection.SendOnly, call.Media.LocalDirection);
            Assert.Equal(SdpDirection.RecvOnly, b.Incoming.Media.LocalDirection);
            Assert.Equal(before + 1, b.MediaChanges);
            Assert.Equal(2, net.Count("ACK"));

            Assert.True(a.Manager.SetHold(call, false, net.Now));
            net.Pump();
            Assert.False(call.LocalHold);
            Assert.Equal(SdpDirection.SendRecv, call.Media.LocalDirection);
            Assert.Equal(SdpDirection.SendRecv, b.Incoming.Media.LocalDirection);
            Assert.Equal(CallState.Connected, call.State);
            net.RunUntil(net.Now + 40000);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);

            Assert.True(b.Manager.Hangup(b.Incoming, net.Now));        // BYE after two re-INVITEs: CSeq spaces still valid
            net.Pump();
            Assert.Equal(CallState.Terminated, call.State);
        }

        [Fact]
        public void Bye_for_an_unknown_dialog_gets_481_and_options_gets_200_with_allow()
        {
            var (net, a, b) = Pair();
            foreach (string method in new[] { "BYE", "OPTIONS" })
            {
                string raw = method + " sip:u2@10.0.0.2:5060 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + method + "1\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:u1@pbx.test>;tag=x1\r\nTo: <sip:u2@pbx.test>" + (method == "BYE" ? ";tag=nosuch" : "") + "\r\n"
                    + "Call-ID: stray@10.0.0.1\r\nCSeq: 5 " + method + "\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = System.Text.Encoding.ASCII.GetBytes(raw);
                Assert.NotNull(a.Manager.Layer.SendRequest(bytes, 0, bytes.Length, b.EndPoint, null, net.Now));
                net.Pump();
            }
            Assert.Equal(1, net.Count("SIP/2.0 481"));
            Assert.Equal(1, b.Manager.Stats.NoDialog);
            Assert.Equal(1, net.Count("SIP/2.0 200 OK"));
        }

        [Fact]
        public void Both_register_then_call_hold_resume_and_bye_through_a_digest_challenging_record_routing_proxy()
        {
            var net = new TwoPhoneNet();
            net.Proxy = new TestProxy(net);
            net.Proxy.Passwords["u1"] = "secret1";
            var a = net.Add(1, c => c.OutboundProxy = TestProxy.EndPoint);
            var b = net.Add(2, c => c.OutboundProxy = TestProxy.EndPoint);
            var creds = new Phone.Core.Auth.DigestCredentialStore(2);
            creds.Set(TestProxy.Realm, "u1", "secret1");
            a.Manager.Digest = new Phone.Core.Auth.DigestClient(creds, new FixedRandom(), 2, 2);
            foreach (var ua in new[] { a, b })
            {
                // Both register on the same transaction layer as their calls (events forwarded by the manager).
                net.Proxy.Passwords[ua.Name] = "secret-" + ua.Name;
                var rc = new Phone.Core.Auth.DigestCredentialStore(1);
                rc.Set(TestProxy.Realm, ua.Name, "secret-" + ua.Name);
                var reg = new Phone.Core.Sip.Registration.RegistrationClient(new Phone.Core.Sip.Registration.RegistrationConfig
                {
                    AddressOfRecord = "sip:" + ua.Name + "@pbx.test", RegistrarUri = "sip:pbx.test", ContactUser = ua.Name,
                    Targets = new[] { TestProxy.EndPoint }, LocalAddress = ua.EndPoint.Address, LocalPort = 5060, Expires = 3600,
                }, ua.Manager.Layer, new Phone.Core.Auth.DigestClient(rc, new FixedRandom(), 2, 1), new System.Random(7));
                ua.Manager.Registration = reg;
                reg.Start(net.Now);
                net.Pump();
                Assert.Equal(Phone.Core.Sip.Registration.RegistrationState.Registered, reg.State);
            }
            Assert.Equal(2, net.Proxy.Registered);
            net.Proxy.Passwords["u1"] = "secret1";

            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(3, net.Proxy.Challenged);                      // 2 × 401 (REGISTER), then 407 for the INVITE, retried
            Assert.Equal(1, net.Proxy.Verified);                        // DigestVerifier accepted the retry
            Assert.Contains(net.Log, l => l == "u2 <- INVITE " + b.Uri + " SIP/2.0");
            Assert.Equal(CallState.Proceeding, call.State);
            Assert.Equal(1, call.Dialog.RouteCount);                    // Record-Route → route set
            Assert.Equal(1, b.Incoming.Dialog.RouteCount);

            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Contains(net.Log, l => l == "proxy <- ACK " + b.Uri + " SIP/2.0");   // in-dialog via the route set

            Assert.True(a.Manager.SetHold(call, true, net.Now));
            net.Pump();
            Assert.Equal(SdpDirection.RecvOnly, b.Incoming.Media.LocalDirection);
            Assert.True(a.Manager.SetHold(call, false, net.Now));
            net.Pump();
            Assert.Equal(SdpDirection.SendRecv, b.Incoming.Media.LocalDirection);

            Assert.True(a.Manager.Hangup(call, net.Now));
            net.Pump();
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(CallState.Terminated, b.Incoming.State);
            net.RunUntil(net.Now + 40000);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(0, a.Manager.Stats.SendFailures);
        }

        [Fact]
        public void Three_register_then_call_hold_resume_blind_transfer_and_hang_up_through_a_digest_challenging_proxy()
        {
            // The whole desk-phone day in one scenario (issue: register with a digest challenge, call, hold, resume,
            // transfer, hang up): u1 calls u2, holds, resumes, transfers u2 to u3 by REFER; u2's INVITE to u3 is
            // challenged 407 by the proxy like u1's was; u1 leaves; u2 and u3 talk and u3 hangs up.
            var net = new TwoPhoneNet();
            net.Proxy = new TestProxy(net);
            var uas = new[]
            {
                net.Add(1, c => c.OutboundProxy = TestProxy.EndPoint),
                net.Add(2, c => c.OutboundProxy = TestProxy.EndPoint),
                net.Add(3, c => c.OutboundProxy = TestProxy.EndPoint),
            };
            var a = uas[0];
            var b = uas[1];
            var c3 = uas[2];
            var aLog = new TransferTests.TransferLog();
            var bLog = new TransferTests.TransferLog();
            a.Manager.TransferListener = aLog;
            b.Manager.TransferListener = bLog;
            foreach (var ua in uas)
            {
                string password = "secret-" + ua.Name;
                net.Proxy.Passwords[ua.Name] = password;
                var callCreds = new Phone.Core.Auth.DigestCredentialStore(1);
                callCreds.Set(TestProxy.Realm, ua.Name, password);
                ua.Manager.Digest = new Phone.Core.Auth.DigestClient(callCreds, new FixedRandom(), 2, 2);
                var regCreds = new Phone.Core.Auth.DigestCredentialStore(1);
                regCreds.Set(TestProxy.Realm, ua.Name, password);
                var reg = new Phone.Core.Sip.Registration.RegistrationClient(new Phone.Core.Sip.Registration.RegistrationConfig
                {
                    AddressOfRecord = "sip:" + ua.Name + "@pbx.test", RegistrarUri = "sip:pbx.test", ContactUser = ua.Name,
                    Targets = new[] { TestProxy.EndPoint }, LocalAddress = ua.EndPoint.Address, LocalPort = 5060, Expires = 3600,
                }, ua.Manager.Layer, new Phone.Core.Auth.DigestClient(regCreds, new FixedRandom(), 2, 1), new System.Random(7));
                ua.Manager.Registration = reg;
                reg.Start(net.Now);
                net.Pump();
                Assert.Equal(Phone.Core.Sip.Registration.RegistrationState.Registered, reg.State);
            }
            Assert.Equal(3, net.Proxy.Registered);
            Assert.Equal(3, net.Proxy.Challenged);                      // one 401 per REGISTER

            Call ab = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(4, net.Proxy.Challenged);                      // 407 for u1's INVITE, retried with credentials
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Call ba = b.Incoming;
            Assert.Equal(CallState.Connected, ab.State);
            Assert.Equal(CallState.Connected, ba.State);

            Assert.True(a.Manager.SetHold(ab, true, net.Now));
            net.Pump();
            Assert.Equal(SdpDirection.RecvOnly, ba.Media.LocalDirection);
            Assert.True(a.Manager.SetHold(ab, false, net.Now));
            net.Pump();
            Assert.Equal(SdpDirection.SendRecv, ba.Media.LocalDirection);

            Assert.True(a.Manager.Transfer(ab, c3.Uri, net.Now));
            net.Pump();
            Assert.Contains(net.Log, l => l == "proxy <- REFER " + b.Uri + " SIP/2.0");   // in-dialog, via the route set
            Assert.Equal(5, net.Proxy.Challenged);                      // 407 for u2's INVITE to the target
            Assert.Equal(2, net.Proxy.Verified);
            Call bc = ba.Transfer.NewCall;
            Assert.NotNull(bc);
            Assert.Equal(CallState.Ringing, c3.Incoming.State);
            Assert.True(c3.Manager.Answer(c3.Incoming, net.Now));
            net.Pump();
            Assert.Equal(new[] { "Requested 0", "Accepted 202", "Trying 100", "Succeeded 200" }, aLog.Events);
            Assert.Equal(new[] { "Trying 100", "Succeeded 200" }, bLog.Events);
            Assert.Equal(CallState.Terminated, ab.State);               // the transferor hung up after the 200 NOTIFY
            Assert.Equal(CallState.Terminated, ba.State);
            Assert.Equal(CallState.Connected, bc.State);
            Assert.Equal(c3.Incoming.LocalRtpPort, bc.Media.RemotePort);

            Assert.True(c3.Manager.Hangup(c3.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Terminated, bc.State);
            Assert.Equal(CallState.Terminated, c3.Incoming.State);
            net.RunUntil(net.Now + 40000);
            foreach (var ua in uas) Assert.Equal(0, ua.Manager.Stats.SendFailures);
        }

        [Fact]
        public void Wrong_password_gets_403_and_the_call_fails()
        {
            var net = new TwoPhoneNet();
            net.Proxy = new TestProxy(net);
            net.Proxy.Passwords["u1"] = "secret1";
            var a = net.Add(1, c => c.OutboundProxy = TestProxy.EndPoint);
            var b = net.Add(2, c => c.OutboundProxy = TestProxy.EndPoint);
            var creds = new Phone.Core.Auth.DigestCredentialStore(2);
            creds.Set(TestProxy.Realm, "u1", "wrong");
            a.Manager.Digest = new Phone.Core.Auth.DigestClient(creds, new FixedRandom(), 2, 2);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(403, call.EndCode);
            Assert.Equal(1, net.Proxy.Refused);
            Assert.Null(b.Incoming);
        }

        [Fact]
        public void A_302_redirect_is_followed_to_the_contact()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            var c = net.Add(3);
            Call call = a.Manager.PlaceCall(c.Uri, net.Now);
            net.Pump();
            Assert.NotNull(c.Incoming);
            Assert.True(c.Manager.Reject(c.Incoming, 302, "Moved Temporarily", net.Now));
            net.Pump();
            Assert.Equal(302, call.EndCode);   // a 302 without Contact ends the call
            Call second = a.Manager.PlaceCall(c.Uri, net.Now);
            net.Pump();
            Assert.True(c.Manager.Redirect(c.Incoming, b.Uri, net.Now));
            net.Pump();
            Assert.Equal(CallState.Proceeding, second.State);
            Assert.NotNull(b.Incoming);
            Assert.Equal(3, net.Count("INVITE"));                       // two to u3, then the retry to u2
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, second.State);
        }

        [Fact]
        public void Negotiated_parameters_drive_real_media_sessions_with_rtp_both_ways()
        {
            var (net, a, b) = Pair(c => c.Codecs = new[] { SdpOfferAnswer.Pcma, SdpOfferAnswer.Pcmu });
            Call call = Connect(net, a, b);
            Call callee = b.Incoming;
            var addrA = new Phone.Core.Net.NetEndPoint(a.EndPoint.Address, call.LocalRtpPort);
            var addrB = new Phone.Core.Net.NetEndPoint(b.EndPoint.Address, callee.LocalRtpPort);
            var link = new Phone.Core.Tests.Media.MemoryDatagramLink(addrA, addrB, 0, 0, 5);
            Phone.Core.Media.MediaSession Session(Call c, Phone.Core.Tests.Media.MemoryDatagramLink.Endpoint socket, uint seed) =>
                new Phone.Core.Media.MediaSession(new Phone.Core.Tests.Media.ToneAudioPort(20, 8000), socket, null,
                    new Phone.Core.Media.MediaSessionConfig
                    {
                        PayloadType = c.Media.PayloadType,
                        TelephoneEventPayloadType = c.Media.TelephoneEventPayloadType,
                        RemoteRtp = new Phone.Core.Net.NetEndPoint(c.Media.RemoteAddress.Ipv4, c.Media.RemotePort),
                        RandomSeed = seed,
                        Cname = "x@test",
                    }, 0);
            var ma = Session(call, link.A, 1);
            var mb = Session(callee, link.B, 2);
            Assert.Equal(SdpOfferAnswer.Pcma, call.Media.Codec);               // the offerer's first choice
            Assert.Equal(addrB.Port, call.Media.RemotePort);
            long now = 0;
            for (int f = 0; f < 100; f++, now += 20)
            {
                ma.Tick(now);
                mb.Tick(now);
            }
            Assert.InRange(ma.Stats.PacketsReceived, 95, 100);
            Assert.InRange(mb.Stats.PacketsReceived, 95, 100);
            Assert.InRange(ma.Stats.PacketsSent, 99, 100);               // (the first packets of each stream wait out RTP probation, RFC 3550 A.1)
            Assert.InRange(mb.Stats.PacketsSent, 99, 100);
        }

        private sealed class FixedRandom : Phone.Core.Auth.IRandomSource
        {
            public void NextBytes(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++) buffer[offset + i] = (byte)(i + 1);
            }
        }
    }
}
