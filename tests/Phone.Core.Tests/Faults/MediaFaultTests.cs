// Calls between two MediaSessions over an impaired network: audio never stops, loss is concealed and reported at the
// injected rate (RFC 3550 A.3 cumulative loss), and damaged/duplicated datagrams are dropped and counted, not played.
namespace Phone.Core.Tests.Faults
{
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Tests.Media;
    using Xunit.Abstractions;

    public class MediaFaultTests
    {
        private readonly ITestOutputHelper _out;

        public MediaFaultTests(ITestOutputHelper output) => _out = output;

        private static readonly NetEndPoint AddrA = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
        private static readonly NetEndPoint AddrB = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 50000);

        private sealed class Call
        {
            public FaultyNetwork Net;
            public ToneAudioPort AudioA = new ToneAudioPort(20, 8000), AudioB = new ToneAudioPort(32, 6000);
            public MediaSession A, B;

            public Call(FaultProfile profile, int seed)
            {
                Net = new FaultyNetwork(AddrA, AddrB, profile, seed);
                A = new MediaSession(AudioA, Net.A, null, new MediaSessionConfig { PayloadType = 0, TelephoneEventPayloadType = 101, RemoteRtp = AddrB, RandomSeed = 1, Cname = "a@10.0.0.1" }, 0);
                B = new MediaSession(AudioB, Net.B, null, new MediaSessionConfig { PayloadType = 8, TelephoneEventPayloadType = 101, RemoteRtp = AddrA, RandomSeed = 2, Cname = "b@10.0.0.2" }, 0);
            }

            /// <summary>Runs 20 ms ticks; asserts each side plays exactly one frame per tick.</summary>
            public void Run(int frames)
            {
                for (int f = 0; f < frames; f++)
                {
                    long now = Net.NowMs;
                    int playedA = AudioA.FramesPlayed, playedB = AudioB.FramesPlayed;
                    A.Tick(now);
                    B.Tick(now);
                    Assert.Equal(playedA + 1, AudioA.FramesPlayed);
                    Assert.Equal(playedB + 1, AudioB.FramesPlayed);
                    Net.NowMs += 20;
                }
            }
        }

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        public void FiveMinuteCallOverTenPercentLossSixtyMsJitterAndReordering(int seed)
        {
            var profile = new FaultProfile { LossPercent = 10, JitterMs = 60, ReorderPercent = 5, BaseDelayMs = 30 };
            var call = new Call(profile, seed);
            const int frames = 5 * 60 * 50;
            call.Run(frames);

            foreach (var (rx, tx, audio) in new[] { (call.B, call.Net.A, call.AudioB), (call.A, call.Net.B, call.AudioA) })
            {
                // Loss as the receiver measures it (expected − received) matches what the network actually dropped
                // (RTCP and RFC 4733 use the same socket, so compare against the injected rate, ±2 points).
                int expected = rx.Stats.PacketsReceived + rx.Stats.PacketsLost;
                double measured = (double)rx.Stats.PacketsLost / expected;
                _out.WriteLine($"seed {seed}: injected {tx.Lost}/{tx.Sent}, measured loss {measured:P2}, concealed {rx.Stats.ConcealedFrames}/{frames}, " +
                    $"late {rx.Stats.PacketsLate}, jitter {rx.Stats.JitterMs} ms, buffer {rx.Stats.JitterBufferDelayMs} ms, RTCP in {rx.Stats.RtcpReceived}");
                Assert.InRange(measured, 0.08, 0.12);
                Assert.InRange((double)tx.Lost / tx.Sent, 0.08, 0.12);
                // Every lost packet (and every late one) is covered by a concealed frame; audio kept playing.
                Assert.True(rx.Stats.ConcealedFrames >= rx.Stats.PacketsLost * 8 / 10,
                    "concealed " + rx.Stats.ConcealedFrames + " for " + rx.Stats.PacketsLost + " lost");
                Assert.True(rx.Stats.ConcealedFrames < frames / 3, "concealed " + rx.Stats.ConcealedFrames);
                Assert.True(audio.PlayedEnergy > (long)frames * 160 * 1000, "the far end's tone is heard");
                Assert.InRange(rx.Stats.JitterMs, 5, 80);
                Assert.True(rx.Stats.RtcpReceived >= 40, "RTCP every ~5 s survives the loss: " + rx.Stats.RtcpReceived);
                Assert.InRange(rx.Stats.RemoteFractionLost, 1, 255);
            }
        }

        [Fact]
        public void CorruptedTruncatedAndDuplicatedDatagramsAreDroppedAndCountedWhileAudioContinues()
        {
            var profile = new FaultProfile { CorruptPercent = 5, TruncatePercent = 5, DuplicatePercent = 5, JitterMs = 20 };
            var call = new Call(profile, 5);
            call.Run(60 * 50);
            Assert.True(call.Net.A.Truncated > 50 && call.Net.A.Duplicated > 50 && call.Net.A.Corrupted > 50);
            // Truncated headers and duplicates must be rejected by the receiver, not decoded twice or past their end.
            Assert.True(call.B.RtpStats.RtpDropped > 0 || call.B.Stats.PacketsDropped > 0);
            // A duplicate either meets its twin in the jitter buffer or arrives after its frame was played.
            Assert.True(call.B.JitterStats.Duplicates + call.B.JitterStats.Late >= call.Net.A.Duplicated / 2,
                "duplicates counted: " + call.B.JitterStats.Duplicates + " + late " + call.B.JitterStats.Late + " of " + call.Net.A.Duplicated);
            Assert.True(call.AudioB.PlayedEnergy > 3000L * 160 * 1000);
        }

        [Fact]
        public void ThirtySecondOutageMidCallConcealsThenRecovers()
        {
            var call = new Call(new FaultProfile { JitterMs = 10 }, 3);
            call.Run(500);
            int concealedBefore = call.B.Stats.ConcealedFrames;
            call.Net.A.Up = false;
            call.Run(1500);
            call.Net.A.Up = true;
            int concealedDuringOutage = call.B.Stats.ConcealedFrames - concealedBefore;
            long energyBefore = call.AudioB.PlayedEnergy;
            call.Run(500);
            Assert.True(concealedDuringOutage >= 1400, "outage concealed (or silenced) frame by frame: " + concealedDuringOutage);
            Assert.True(call.AudioB.PlayedEnergy - energyBefore > 400L * 160 * 1000, "audio is back after the outage");
        }
    }
}
