// Both-way audio verdict for a call between our phone and baresip, from both recordings (not from packet counts).
namespace Phone.Interop.Tests.Harness
{
    using System.Linq;

    /// <summary>Checks that each side's recording carries the other side's tone and not its own.</summary>
    public static class AudioCheck
    {
        /// <summary>Minimum SNR of the far end's tone in a 20 ms block of a recording.</summary>
        public const double MinSnrDb = 20;

        /// <summary>Minimum number of 20 ms blocks (half a second) carrying the far end's tone at <see cref="MinSnrDb"/>.</summary>
        public const int MinToneBlocks = 25;

        /// <summary>
        /// Minimum median block SNR: the far end's tone dominates the recording. Lower than <see cref="MinSnrDb"/>
        /// because on a loaded two-core CI machine the real-time threads are late, and the jitter buffer conceals.
        /// </summary>
        public const double MinMedianSnrDb = 10;

        /// <summary>
        /// Our speaker must have played baresip's tone (<paramref name="baresipHz"/>) and baresip's decoder recording
        /// must hold ours (<paramref name="ourHz"/>): at least <see cref="MinToneBlocks"/> blocks with the far tone
        /// <see cref="MinSnrDb"/> above the rest, and a median block SNR above <see cref="MinMedianSnrDb"/> (our own
        /// tone echoed back, or noise, would give a median far below 0 dB). A median, not a whole-recording ratio, because the
        /// blocks concealed while DTMF events replace audio (RFC 4733 §2.5.1.1) are not the far end's tone.
        /// Returns the figures (one line).
        /// </summary>
        public static string BothWays(OurPhone phone, BaresipProcess baresip, int ourHz, int baresipHz) =>
            BothWays(phone.Heard(), phone.MediaReport + "\n" + phone.Events, baresip, ourHz, baresipHz);

        /// <summary>As above for the product's agent.</summary>
        public static string BothWays(AgentPhone phone, BaresipProcess baresip, int ourHz, int baresipHz) =>
            BothWays(phone.Heard(), phone.Log, baresip, ourHz, baresipHz);

        private static string BothWays(short[] weHeard, string diagnostics, BaresipProcess baresip, int ourHz, int baresipHz)
        {
            string decoded = baresip.Recording("dec.wav");
            Assert.NotNull(decoded);
            short[] baresipHeard = Wav.Read(decoded);
            double[] ours = Wav.BlockSnrDb(weHeard, baresipHz);
            double[] theirs = Wav.BlockSnrDb(baresipHeard, ourHz);
            int oursGood = ours.Count(x => x > MinSnrDb), theirsGood = theirs.Count(x => x > MinSnrDb);
            double oursMedian = Wav.MedianSnrDb(weHeard, baresipHz), theirsMedian = Wav.MedianSnrDb(baresipHeard, ourHz);
            string report = "we heard " + baresipHz + " Hz in " + oursGood + "/" + ours.Length + " blocks, median SNR " + oursMedian.ToString("F1") +
                " dB; baresip heard " + ourHz + " Hz in " + theirsGood + "/" + theirs.Length + " blocks, median SNR " + theirsMedian.ToString("F1") + " dB\n" + diagnostics;
            Assert.True(oursGood >= MinToneBlocks && oursMedian > MinMedianSnrDb, report);
            Assert.True(theirsGood >= MinToneBlocks && theirsMedian > MinMedianSnrDb, report);
            return report.Substring(0, report.IndexOf('\n'));
        }
    }
}
