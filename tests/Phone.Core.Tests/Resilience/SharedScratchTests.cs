// Every request writer of the phone shares one SipScratch: the requests stay whole on the wire, digest resends included,
// when the writers interleave in one Poll and the scratch is wiped after every datagram the phone sends.
namespace Phone.Core.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using System.Reflection;
    using System.Text;
    using Phone.Core.Agent;
    using Phone.Core.Auth;
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Resilience;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Agent;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;
    using Xunit;

    public class SharedScratchTests
    {
        private static readonly uint AddressA = NetEndPoint.MakeAddress(10, 0, 0, 1);
        private static readonly uint AddressB = NetEndPoint.MakeAddress(10, 0, 0, 2);
        private static readonly NetEndPoint PhoneA = new NetEndPoint(AddressA, 5060);
        private static readonly NetEndPoint RegistrarEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);
        private static readonly NetEndPoint BackupEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 10), 5060);
        private const string MessageNonce = "m1";

        /// <summary>Sends, then overwrites the shared scratch: whatever was handed off must not be read from it again.</summary>
        private sealed class WipingSocket : IDatagramSocket
        {
            private readonly IDatagramSocket _inner;
            public SipScratch Scratch;
            public int Wipes;

            public WipingSocket(IDatagramSocket inner) => _inner = inner;

            public NetEndPoint LocalEndPoint => _inner.LocalEndPoint;

            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                bool sent = _inner.SendTo(buffer, offset, count, remote);
                if (Scratch != null)
                {
                    Array.Fill(Scratch.Transmit, (byte)'#');
                    Array.Fill(Scratch.Auth, (byte)'#');
                    Wipes++;
                }
                return sent;
            }

            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote) => _inner.ReceiveFrom(buffer, offset, count, out remote);

            public bool WaitReadable(int timeoutMs) => _inner.WaitReadable(timeoutMs);

            public void Close() => _inner.Close();
        }

        /// <summary>Desk A (201: registration, keep-alive, local mode, call-log reporter) and desk B (202, direct mode).</summary>
        private sealed class Desks
        {
            public readonly MemoryUdpNetwork Net = new();
            public readonly ScriptedRegistrar Registrar;
            public readonly ScriptedRegistrar Backup;
            public readonly MemoryUdpSocket PrimarySocket;
            public readonly WipingSocket SocketA;
            public readonly PhoneAgent A;
            public readonly PhoneAgent B;
            public readonly List<(string Body, DigestVerification Verdict)> Reports = new();
            private readonly DigestVerifier _verifier = new();
            public long Now = 1000;

            public Desks()
            {
                PrimarySocket = Net.Bind(RegistrarEp);
                Registrar = new ScriptedRegistrar(PrimarySocket, 256) { Script = Answer };
                Backup = new ScriptedRegistrar(Net.Bind(BackupEp), 256) { Script = Answer };
                var l0 = new MemoryDatagramLink(new NetEndPoint(AddressA, 16384), new NetEndPoint(AddressB, 16384), 0, 0, 1);
                var l1 = new MemoryDatagramLink(new NetEndPoint(AddressA, 16385), new NetEndPoint(AddressB, 16385), 0, 0, 2);
                var p = new ProvisioningConfig();
                p.Set("account.1.registrar", "10.0.0.9");
                p.Set("account.1.backup_registrar", "10.0.0.10");
                p.Set("account.1.expires", "60");
                p.Set("account.1.user", "201");
                p.Set("account.1.auth_user", ScriptedRegistrar.User);
                p.Set("account.1.password", ScriptedRegistrar.Password);
                p.Set("resilience.keepalive_s", "2");
                p.Set("resilience.failback_probe_s", "1");
                p.Set("directory.201", "Reception, 10.0.0.1");
                p.Set("directory.202", "Anna, 10.0.0.2");
                AgentConfig ca = AgentConfig.FromConfig(p, 1, AddressA, 5060, 16384);
                ca.MaxCalls = 1;
                SocketA = new WipingSocket(Net.Bind(PhoneA));
                A = new PhoneAgent(ca, new AgentPorts
                {
                    Sip = SocketA,
                    Rtp = new IDatagramSocket[] { l0.A },
                    Rtcp = new IDatagramSocket[] { l1.A },
                    Audio = new SineAudioPort(400, 8000),
                    Seed = 11,
                });
                var cb = new AgentConfig
                {
                    User = "202",
                    Domain = "10.0.0.2",
                    LocalAddress = AddressB,
                    SipPort = 5060,
                    RtpPortBase = 16384,
                    MaxCalls = 1,
                    DirectoryExtensions = new[] { "201" },
                    DirectoryEndPoints = new[] { PhoneA },
                };
                B = new PhoneAgent(cb, new AgentPorts
                {
                    Sip = Net.Bind(new NetEndPoint(AddressB, 5060)),
                    Rtp = new IDatagramSocket[] { l0.B },
                    Rtcp = new IDatagramSocket[] { l1.B },
                    Audio = new SineAudioPort(1000, 8000),
                    Seed = 22,
                });
                SocketA.Scratch = (SipScratch)typeof(PhoneAgent).GetField("_scratch", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(A);
            }

            // OPTIONS 200; MESSAGE challenged 407 qop=auth-int (the digest hashes the body), then checked against its body.
            private (int, string, string)? Answer(ScriptedRegistrar.Received r)
            {
                if (r.Text.StartsWith("OPTIONS ")) return (200, "OK", null);
                if (!r.Text.StartsWith("MESSAGE ")) return null;
                string credentials = HeaderValue(r.Text, "Proxy-Authorization");
                if (credentials == null)
                {
                    return (407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"" + ScriptedRegistrar.Realm
                        + "\", nonce=\"" + MessageNonce + "\", qop=\"auth-int\", algorithm=MD5\r\n");
                }
                string body = Body(r.Text);
                byte[] bytes = Encoding.ASCII.GetBytes(body);
                string uri = r.Text.Substring(8, r.Text.IndexOf(' ', 8) - 8);
                DigestVerification v = _verifier.Verify("MESSAGE", uri, ScriptedRegistrar.User, ScriptedRegistrar.Realm, ScriptedRegistrar.Password,
                    credentials, MessageNonce, bytes, 0, bytes.Length);
                Reports.Add((body, v));
                return v == DigestVerification.Valid ? (200, "OK", null) : (403, "Forbidden", null);
            }

            public void Start()
            {
                A.Start(Now);
                B.Start(Now);
            }

            public void Run(int ms)
            {
                for (int t = 0; t < ms; t += AudioFormat.FrameMs)
                {
                    Poll();
                    A.AudioTick(Now);
                    B.AudioTick(Now);
                    Now += AudioFormat.FrameMs;
                }
                Poll();
            }

            public void Poll()
            {
                for (int round = 0; round < 6; round++)
                {
                    A.Poll(Now);
                    B.Poll(Now);
                    Registrar.Transport.Poll(Now);
                    Registrar.Layer.Poll(Now);
                    Backup.Transport.Poll(Now);
                    Backup.Layer.Poll(Now);
                }
            }

            /// <summary>What A sent from log entry <paramref name="from"/> on.</summary>
            public List<string> SentByA(int from) => Net.Log.Skip(from).Where(e => e.From.SameAs(PhoneA)).Select(e => e.Text).ToList();
        }

        private static string HeaderValue(string message, string name)
        {
            foreach (string line in message.Substring(0, message.IndexOf("\r\n\r\n", StringComparison.Ordinal)).Split("\r\n"))
            {
                if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return line.Substring(name.Length + 1).Trim();
            }
            return null;
        }

        private static string Body(string message) => message.Substring(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);

        private static uint CSeqOf(string message) => uint.Parse(HeaderValue(message, "CSeq").Split(' ')[0]);

        /// <summary>A datagram is a whole SIP message: no byte of the wiped scratch, and Content-Length is its body's length.</summary>
        private static void AssertWhole(string message)
        {
            Assert.DoesNotContain("#", message);
            Assert.Equal(Body(message).Length, int.Parse(HeaderValue(message, "Content-Length")));
        }

        [Fact]
        public void A_refresh_its_digest_resend_the_report_its_407_resend_and_a_re_INVITE_in_one_Poll_all_go_out_whole()
        {
            var d = new Desks();
            d.Start();
            d.Run(2000);
            Assert.True(d.A.IsRegistered);
            Assert.True(d.A.Dial("202", d.Now));
            d.Run(500);
            Assert.True(d.B.Answer(d.Now));
            d.Run(1000);
            Assert.Equal(PhoneState.Talking, d.A.State);
            d.A.Survival.Log.Add(d.Now - 60_000, "203", incoming: false, answered: true, emergency: false, durationMs: 42_000);

            // Up to the refresh deadline; there, the re-INVITE is written first, then one Poll runs everything else.
            long refreshAt = d.A.Registration.Poll(d.Now);
            Assert.True(refreshAt > d.Now && refreshAt < long.MaxValue);
            d.Run((int)(refreshAt - d.Now) - 2 * AudioFormat.FrameMs);
            d.Now = refreshAt;
            d.Registrar.RotateNonce();   // the refresh's credentials are stale: 401 stale=true, answered by a new REGISTER
            int from = d.Net.Log.Count;
            int wipes = d.SocketA.Wipes;
            Assert.True(d.A.Hold(true, d.Now));
            d.Poll();

            List<string> sent = d.SentByA(from);
            Assert.True(d.SocketA.Wipes - wipes >= 6, "the scratch was wiped after every datagram");
            foreach (string m in sent) AssertWhole(m);
            // The re-INVITE (hold) went to B whole and was answered and acknowledged in the same Poll.
            string reInvite = sent.Single(m => m.StartsWith("INVITE sip:202@"));
            Assert.Contains("a=sendonly", reInvite);
            Assert.Contains(sent, m => m.StartsWith("ACK ") && CSeqOf(m) == CSeqOf(reInvite));
            // The refresh and its digest resend: same Call-ID, CSeq + 1, credentials for the new nonce.
            List<string> registers = sent.Where(m => m.StartsWith("REGISTER ")).ToList();
            Assert.Equal(2, registers.Count);
            Assert.Equal(HeaderValue(registers[0], "Call-ID"), HeaderValue(registers[1], "Call-ID"));
            Assert.Equal(CSeqOf(registers[0]) + 1, CSeqOf(registers[1]));
            Assert.Contains("nonce=\"" + d.Registrar.Nonce + "\"", HeaderValue(registers[1], "Authorization"));
            Assert.Equal(DigestVerification.Valid, d.Registrar.Verdicts.Last());
            Assert.True(d.A.IsRegistered);
            // The report (sent on the refresh's 2xx) and its resend after the 407: the resend's body is the log again,
            // written afresh, and its auth-int digest matches the body the registrar received.
            List<string> messages = sent.Where(m => m.StartsWith("MESSAGE ")).ToList();
            Assert.Equal(2, messages.Count);
            Assert.Null(HeaderValue(messages[0], "Proxy-Authorization"));
            Assert.Equal(Body(messages[0]), Body(messages[1]));
            Assert.Equal(CSeqOf(messages[0]) + 1, CSeqOf(messages[1]));
            Assert.Single(d.Reports);
            Assert.Equal(DigestVerification.Valid, d.Reports[0].Verdict);
            Assert.Contains("out 203 at=", d.Reports[0].Body);
            Assert.Contains("dur=42\r\n", d.Reports[0].Body);
            Assert.Equal(1, d.A.CallLogReporter.Reported);
            Assert.Equal(0, d.A.Survival.Log.Count);

            // Retransmissions come from the transactions' copies, never from the (wiped) scratch.
            d.Run(10_000);
            foreach (string m in d.SentByA(from)) AssertWhole(m);
            Assert.Equal(PhoneState.Talking, d.A.State);
        }

        [Fact]
        public void The_binding_removal_after_fail_back_and_the_keep_alive_probes_go_out_whole_from_the_shared_scratch()
        {
            var d = new Desks();
            d.Start();
            d.Run(3000);
            int from = d.Net.Log.Count;
            d.PrimarySocket.Closed = true;
            d.Run(10_000);
            Assert.Equal(1, d.A.Registration.TargetIndex);
            d.PrimarySocket.Closed = false;
            d.Run(10_000);
            Assert.Equal(0, d.A.Registration.TargetIndex);
            List<string> sent = d.SentByA(from);
            Assert.Contains(sent, m => m.StartsWith("OPTIONS "));
            foreach (string m in sent) AssertWhole(m);
            // The removal (digest answered) reached the backup whole: Contact ;expires=0 and Expires: 0.
            Assert.Equal(1, d.A.BindingRemover.Removed);
            Assert.Contains(d.Backup.Requests, r => r.Text.StartsWith("REGISTER ") && r.Expires == 0 && r.Authorization != null
                && r.Contacts.Any(c => c.Contains("sip:201@10.0.0.1:5060") && c.Contains("expires=0")));
        }

        private static string Options(int n) =>
            "OPTIONS sip:201@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKflood" + n + "\r\n"
            + "From: <sip:flood@10.0.0.2>;tag=f" + n + "\r\nTo: <sip:201@10.0.0.1>\r\nCall-ID: flood-" + n + "\r\n"
            + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

        [Fact]
        public void The_transaction_layers_503s_and_its_ACK_for_a_non_2xx_are_written_in_the_shared_scratch_and_clobber_no_call_message()
        {
            var d = new Desks();
            object layer = d.A.Calls.Layer;
            Assert.Same(d.SocketA.Scratch.Transmit, layer.GetType().GetField("_work", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(layer));
            d.Start();
            d.Run(2000);
            // A source A lets in (B's address and port); what A answers goes to B, which drops it as stray.
            MemoryUdpSocket flood = d.Net.Bind(new NetEndPoint(AddressB, 5070));
            flood.SeenAs = new NetEndPoint(AddressB, 5060);
            var floodEp = new NetEndPoint(AddressA, 5060);
            int from = d.Net.Log.Count;
            int wipes = d.SocketA.Wipes;

            // B's INVITE and a burst of OPTIONS reach A in one Poll: the OPTIONS fill the server table (each is kept
            // for Timer J), the rest are answered 503 by the layer while the INVITE is being answered (100/180).
            Assert.True(d.B.Dial("201", d.Now));
            for (int i = 0; i < 40; i++) flood.SendTo(Encoding.ASCII.GetBytes(Options(i)), 0, Options(i).Length, floodEp);
            d.Poll();
            Assert.True(d.A.Ringing);
            // A answers; its 2xx (kept in the call's buffer for retransmission) is out; a second burst is refused while
            // it waits for B's ACK.
            Assert.True(d.A.Answer(d.Now));
            for (int i = 40; i < 60; i++) flood.SendTo(Encoding.ASCII.GetBytes(Options(i)), 0, Options(i).Length, floodEp);
            d.Run(2000);
            Assert.Equal(PhoneState.Talking, d.A.State);
            Assert.Equal(PhoneState.Talking, d.B.State);

            List<string> sent = d.SentByA(from);
            foreach (string m in sent) AssertWhole(m);
            Assert.True(d.SocketA.Wipes - wipes >= sent.Count, "the scratch was wiped after every datagram");
            List<string> refused = sent.Where(m => m.StartsWith("SIP/2.0 503 ")).ToList();
            Assert.True(refused.Count >= 20, "the table filled: " + refused.Count + " refused; " + string.Join(" / ", sent.Select(m => m.Substring(0, 20))) + " stats " + d.A.Calls.Layer.Stats.TableFull);
            Assert.True(d.A.Calls.Layer.Stats.TableFull >= refused.Count);
            foreach (string m in refused)
            {
                Assert.Equal("5", HeaderValue(m, "Retry-After"));
                Assert.StartsWith("flood-", HeaderValue(m, "Call-ID"));
                Assert.Equal("1 OPTIONS", HeaderValue(m, "CSeq"));
                int n = int.Parse(HeaderValue(m, "Call-ID").Substring(6));
                Assert.Equal("<sip:flood@10.0.0.2>;tag=f" + n, HeaderValue(m, "From"));
                Assert.Contains("branch=z9hG4bKflood" + n, HeaderValue(m, "Via"));
            }
            string ok = sent.Single(m => m.StartsWith("SIP/2.0 200 ") && HeaderValue(m, "CSeq").EndsWith("INVITE"));
            Assert.Contains("m=audio ", Body(ok));
            Assert.Contains(sent, m => m.StartsWith("SIP/2.0 180 "));

            // B challenges A's INVITE (401, a non-2xx): the layer writes the ACK in the scratch and keeps it in the
            // transaction's buffer; the 401 again (here after the scratch was wiped many times) gets the same ACK again.
            d.A.Hangup(d.Now);
            d.Run(1000);
            Assert.Equal(PhoneState.OnHook, d.A.State);
            int before = d.Net.Log.Count;
            Assert.True(d.A.Dial("sip:203@10.0.0.2", d.Now));
            d.Poll();
            string invite = d.SentByA(before).First(m => m.StartsWith("INVITE sip:203@"));
            string refusal = d.Net.Log.Skip(before).Select(e => e.Text).First(m => m.StartsWith("SIP/2.0 401 ") && HeaderValue(m, "CSeq") == HeaderValue(invite, "CSeq"));
            flood.SendTo(Encoding.ASCII.GetBytes(refusal), 0, refusal.Length, floodEp);
            d.Poll();
            List<string> acks = d.SentByA(before).Where(m => m.StartsWith("ACK ") && CSeqOf(m) == CSeqOf(invite)).ToList();
            Assert.Equal(2, acks.Count);
            Assert.Equal(acks[0], acks[1]);
            foreach (string m in d.SentByA(before)) AssertWhole(m);
            Assert.Equal(HeaderValue(invite, "Call-ID"), HeaderValue(acks[0], "Call-ID"));
            Assert.Equal(CSeqOf(invite) + " ACK", HeaderValue(acks[0], "CSeq"));
            Assert.Equal(HeaderValue(refusal, "To"), HeaderValue(acks[0], "To"));
            Assert.Equal(HeaderValue(invite, "Via"), HeaderValue(acks[0], "Via"));
        }

        [Fact]
        public void A_report_that_does_not_fit_the_shared_buffer_is_kept_and_nothing_truncated_is_sent()
        {
            var r = new ResilienceRig();
            var scratch = new SipScratch(520, SipScratch.DefaultAuthBytes);
            var log = new LocalCallLog(16);
            var reporter = new LocalCallReporter(log, r.Layer, null, "sip:201@pbx.example.com", "sip:calllog@pbx.example.com",
                ResilienceRig.PhoneEp.Address, ResilienceRig.PhoneEp.Port, new Random(3), scratch);
            // About 380 bytes of report: it fits the buffer alone, not behind the ~360 bytes of headers.
            for (int i = 0; i < 16; i++) log.Add(i * 1000, "2" + i.ToString("D2"), incoming: true, answered: true, emergency: false, durationMs: 1000);
            int before = r.Net.Log.Count;
            Assert.False(reporter.TrySend(ResilienceRig.Primary, r.Now));
            Assert.Equal(before, r.Net.Log.Count);
            Assert.Equal(16, log.Count);
            Assert.False(reporter.Busy);

            // Fewer records fit: the same shared buffer carries the whole report.
            log.Clear();
            log.Add(0, "202", incoming: false, answered: true, emergency: false, durationMs: 3000);
            Assert.True(reporter.TrySend(ResilienceRig.Primary, r.Now));
            string sent = r.Net.Log.Skip(before).Single(e => e.Text.StartsWith("MESSAGE ")).Text;
            AssertWhole(sent);
            Assert.EndsWith("\r\n\r\nlocal-calls 1 missed 0 overwritten 0 now=0\r\nout 202 at=0 dur=3\r\n", sent);
        }
    }
}
