// Property: the TransactionLayer's observable behaviour equals the RFC 3261 §17 / RFC 6026 reference model.
namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Collections.Generic;
    using System.Text;
    using CsCheck;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// Random scenarios (machine, UDP or reliable, T1/T2/T4, a window where the transport refuses sends, responses of
    /// random classes / TU answers / request retransmissions / ACKs at random times) run through both the real
    /// <see cref="TransactionLayer"/> on a manual clock and <see cref="TransactionTimerModel"/>; the traces
    /// (datagrams with times, TU callbacks with times, final state, counters) must be equal.
    /// </summary>
    public class TransactionTimerPropertyTests
    {
        private static readonly int[] ClientCodes = { 100, 180, 183, 200, 202, 302, 401, 404, 486, 503, 603 };
        private static readonly int[] ServerCodes = { 180, 183, 200, 202, 302, 404, 486, 500, 603 };

        // Gaps: mostly short (around T1 and the 200 ms Trying delay), sometimes long (around Timers B/D/F/H/J/L/M).
        private static readonly Gen<(int Gap, int Kind, int Code)> GenStep = Gen.Select(
            Gen.Frequency((3, Gen.Int[0, 900]), (2, Gen.Int[0, 40000])),
            Gen.Int[0, 9],
            Gen.Int[0, 10]);

        internal static readonly Gen<ModelScenario> GenScenario = Gen.Select(
            Gen.Int[0, 3], Gen.Bool, Gen.OneOf(100, 250, 500, 800), Gen.OneOf(1000, 2000, 4000), Gen.OneOf(1000, 2500, 5000),
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 40000], Gen.Int[1, 20000]),
            GenStep.Array[0, 10], Gen.Frequency((1, Gen.Int[0, 3000]), (2, Gen.Int[0, 80000])),
            (machine, reliable, t1, t2, t4, fail, steps, endGap) =>
            {
                var m = (ModelMachine)machine;
                var list = new ModelStep[steps.Length];
                long at = 0;
                for (int i = 0; i < steps.Length; i++)
                {
                    at += steps[i].Gap;
                    list[i] = Step(m, at, steps[i].Kind, steps[i].Code);
                }
                // fail.Item1: 0 no failures, 1 from the start (the request's first send fails), 2–3 a window later on.
                long from = fail.Item1 == 0 ? long.MaxValue : fail.Item1 == 1 ? 0 : fail.Item2;
                long until = fail.Item1 == 0 ? long.MaxValue : from + fail.Item3;
                return new ModelScenario(m, reliable, t1, t2, t4, from, until, list, at + endGap);
            });

        private static ModelStep Step(ModelMachine m, long at, int kind, int code)
        {
            switch (m)
            {
                case ModelMachine.InviteClient:
                case ModelMachine.NonInviteClient:
                    return new ModelStep(at, ModelInput.Response, ClientCodes[code % ClientCodes.Length]);
                case ModelMachine.InviteServer:
                    if (kind < 4) return new ModelStep(at, ModelInput.TuResponds, ServerCodes[code % ServerCodes.Length]);
                    return new ModelStep(at, kind < 7 ? ModelInput.RequestAgain : ModelInput.Ack, 0);
                default:
                    if (kind < 5) return new ModelStep(at, ModelInput.TuResponds, ServerCodes[code % ServerCodes.Length]);
                    return new ModelStep(at, ModelInput.RequestAgain, 0);
            }
        }

        // CsCheck's Sample takes a seed for its first iteration only, so the scenarios are drawn here from one PCG
        // stream with a fixed seed: every run checks the same 4 000 scenarios, on one thread. To explore further,
        // change the seed or raise the count (60 000 fresh scenarios were run this way by hand with no difference).
        private const ulong Seed = 20261125;
        private const int Scenarios = 4000;

        [Fact]
        public void Layer_matches_the_reference_model_for_random_event_sequences()
        {
            // The generator must reach every corner it is meant to: each outcome below is counted over the run.
            string[] outcomes = { "tu timeout", "tu no-ack", "tu transport-error", "tu ack", "send!", "refused", "stray=1",
                "final Proceeding", "final Completed", "final Accepted", "final Trying", "final gone" };
            var seen = new int[outcomes.Length];
            int renewed = 0, confirmed = 0;
            var pcg = new PCG(1, Seed);
            for (int n = 0; n < Scenarios; n++)
            {
                ModelScenario s = GenScenario.Generate(pcg, null, out Size _);
                List<string> expected = TransactionTimerModel.Run(s, out bool reachedConfirmed);
                List<string> actual = Driver.Run(s);
                Assert.True(System.Linq.Enumerable.SequenceEqual(expected, actual),
                    "scenario " + n + ": " + s + "\nmodel:\n  " + string.Join("\n  ", expected) + "\nlayer:\n  " + string.Join("\n  ", actual));
                string all = string.Join("\n", expected);
                for (int i = 0; i < outcomes.Length; i++) if (all.Contains(outcomes[i])) seen[i]++;
                if (expected.FindAll(l => l.EndsWith(" tu request")).Count > 1) renewed++;
                if (reachedConfirmed) confirmed++;
            }
            for (int i = 0; i < outcomes.Length; i++) Assert.True(seen[i] >= 10, outcomes[i] + " seen in only " + seen[i] + " scenarios: " + string.Join(", ", seen));
            Assert.True(renewed >= 10, "a request arriving after its transaction ended: " + renewed);
            Assert.True(confirmed >= 10, "an INVITE server reaching Confirmed: " + confirmed);
        }

        [Fact]
        public void Model_reproduces_the_rfc_retransmission_schedules()
        {
            // Sanity of the model itself against schedules worked out by hand from RFC 3261 §17.1.1.2 / §17.1.2.2 /
            // §17.2.1 with the default T1 = 500, T2 = 4000, T4 = 5000.
            var invite = TransactionTimerModel.Run(new ModelScenario(ModelMachine.InviteClient, false, 500, 4000, 5000,
                long.MaxValue, long.MaxValue, new ModelStep[0], 40000));
            Assert.Equal(new[] { "0 send INVITE", "500 send INVITE", "1500 send INVITE", "3500 send INVITE", "7500 send INVITE",
                "15500 send INVITE", "31500 send INVITE", "32000 tu timeout", "final gone",
                "stats retransmissions=6 timeouts=1 transport-errors=0 stray=0" }, invite);

            var options = TransactionTimerModel.Run(new ModelScenario(ModelMachine.NonInviteClient, false, 500, 4000, 5000,
                long.MaxValue, long.MaxValue, new[] { new ModelStep(2000, ModelInput.Response, 100) }, 40000));
            // E: 500, 1500 (doubling), 3500 (1 s → 2 s); the 100 at 2000 puts it in Proceeding, so after 3500 every T2.
            Assert.Equal(new[] { "0 send OPTIONS", "500 send OPTIONS", "1500 send OPTIONS", "2000 tu response 100",
                "3500 send OPTIONS", "7500 send OPTIONS", "11500 send OPTIONS", "15500 send OPTIONS", "19500 send OPTIONS",
                "23500 send OPTIONS", "27500 send OPTIONS", "31500 send OPTIONS", "32000 tu timeout", "final gone",
                "stats retransmissions=10 timeouts=1 transport-errors=0 stray=0" }, options);

            var busy = TransactionTimerModel.Run(new ModelScenario(ModelMachine.InviteServer, false, 500, 4000, 5000,
                long.MaxValue, long.MaxValue, new[] { new ModelStep(1000, ModelInput.TuResponds, 486) }, 40000));
            // 100 Trying at 200 ms; 486 at 1 s, G at +0.5, +1.5, +3.5, +7.5, then every T2 until H at +32 s.
            Assert.Equal(new[] { "0 tu request", "200 send 100", "1000 respond 486 ok", "1000 send 486", "1500 send 486",
                "2500 send 486", "4500 send 486", "8500 send 486", "12500 send 486", "16500 send 486", "20500 send 486",
                "24500 send 486", "28500 send 486", "32500 send 486", "33000 tu no-ack", "final gone",
                "stats retransmissions=10 timeouts=0 transport-errors=0 stray=0" }, busy);
        }

        /// <summary>Runs a scenario on the real layer: a recording transport and TU, polled at every deadline it names.</summary>
        private sealed class Driver : ISipSender, ITransactionUser
        {
            private static readonly NetEndPoint Peer = new NetEndPoint(0x0A000002, 5060);
            private readonly ModelScenario _s;
            private readonly List<(long At, string What)> _trace = new();
            private readonly TransactionLayer _layer;
            private ServerTransaction _server;
            private long _now;

            private Driver(ModelScenario s)
            {
                _s = s;
                var timers = new SipTimers { T1 = s.T1, T2 = s.T2, T4 = s.T4 };
                _layer = new TransactionLayer(this, this, timers, 2, 1500);
            }

            public static List<string> Run(ModelScenario s)
            {
                var d = new Driver(s);
                ClientTransaction client = null;
                if (s.IsClient)
                {
                    byte[] req = Encoding.ASCII.GetBytes(TransactionHarness.Request(s.Method));
                    client = d._layer.SendRequest(req, 0, req.Length, Peer, null, 0);
                    Assert.NotNull(client);
                }
                else
                {
                    d.Deliver(TransactionHarness.Request(s.Method));
                }
                d.PollUntil(0);
                foreach (ModelStep step in s.Steps)
                {
                    d.PollUntil(step.At);
                    d._now = step.At;
                    d.Apply(step);
                    d.PollUntil(step.At);
                }
                d.PollUntil(s.End);
                var lines = TransactionTimerModel.Canonical(d._trace);
                TransactionState state = s.IsClient ? client.State : d._server.State;
                lines.Add("final " + (state == TransactionState.Free || state == TransactionState.Terminated ? "gone" : state.ToString()));
                TransactionStats st = d._layer.Stats;
                lines.Add("stats retransmissions=" + st.Retransmissions + " timeouts=" + st.Timeouts
                    + " transport-errors=" + st.TransportErrors + " stray=" + st.StrayResponses);
                Assert.True(d._layer.ActiveClients + d._layer.ActiveServers <= 1, "one transaction at most");
                return lines;
            }

            /// <summary>Polls at each deadline the layer names, up to and including t (never skipping one).</summary>
            private void PollUntil(long t)
            {
                for (int guard = 0; guard < 100000; guard++)
                {
                    long next = _layer.Poll(_now);
                    if (next > t) { _now = t; return; }
                    _now = next > _now ? next : _now;
                }
                Assert.Fail("the layer kept asking for a poll at " + _now);
            }

            private void Apply(ModelStep step)
            {
                switch (step.Input)
                {
                    case ModelInput.Response:
                        Deliver(TransactionHarness.Response(step.Code, "Reason", _s.Method));
                        break;
                    case ModelInput.TuResponds:
                        byte[] r = Encoding.ASCII.GetBytes(TransactionHarness.Response(step.Code, "Reason", _s.Method));
                        bool ok = _server.Respond(r, 0, r.Length, step.Code, _now);
                        _trace.Add((_now, "respond " + step.Code + (ok ? " ok" : " refused")));
                        break;
                    case ModelInput.RequestAgain:
                        Deliver(TransactionHarness.Request(_s.Method));
                        break;
                    case ModelInput.Ack:
                        Deliver(TransactionHarness.Request("ACK", cseqMethod: "ACK"));
                        break;
                }
            }

            private void Deliver(string text)
            {
                var m = new SipMessage();
                byte[] bytes = Encoding.ASCII.GetBytes(text);
                Assert.True(m.TryParse(bytes, 0, bytes.Length));
                _layer.Receive(m, Peer, _now);
            }

            public bool IsReliable(NetEndPoint destination) => _s.Reliable;

            public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
            {
                string text = Encoding.ASCII.GetString(buffer, offset, count);
                string what = text.StartsWith("SIP/2.0 ") ? text.Substring(8, 3) : text.Substring(0, text.IndexOf(' '));
                bool refused = _now >= _s.FailFrom && _now < _s.FailUntil;
                _trace.Add((_now, (refused ? "send! " : "send ") + what));
                return !refused;
            }

            public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
            {
                _server = transaction;
                _trace.Add((nowMs, "tu request"));
            }

            public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs) => _trace.Add((nowMs, "tu response " + response.StatusCode));
            public void OnTimeout(ClientTransaction transaction, long nowMs) => _trace.Add((nowMs, "tu timeout"));
            public void OnTransportError(ClientTransaction transaction, long nowMs) => _trace.Add((nowMs, "tu transport-error"));
            public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) => _trace.Add((nowMs, "tu ack"));
            public void OnNoAck(ServerTransaction transaction, long nowMs) => _trace.Add((nowMs, "tu no-ack"));
        }
    }
}
