// On-device DTMF: a generated Q.23 digit is found by the Q.24 detector; silence yields none.
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Dsp;

    /// <summary>DTMF detection on the board, fed 20 ms frames as the audio path does.</summary>
    [TestClass]
    public class DtmfTests
    {
        private static string Detect(short[] pcm)
        {
            var det = new DtmfDetector();
            string found = "";
            char digit;
            for (int pos = 0; pos < pcm.Length; pos += 160)
            {
                int count = pcm.Length - pos < 160 ? pcm.Length - pos : 160;
                det.Process(pcm, pos, count);
                while (det.TryReadDigit(out digit))
                {
                    found += digit;
                }
            }

            return found;
        }

        /// <summary>Three generated digits (60 ms on, 100 ms off) come back in order.</summary>
        [TestMethod]
        public void Finds_generated_digits()
        {
            var gen = new DtmfGenerator();
            short[] pcm = new short[3 * 1280];
            gen.Start('5', 60);
            gen.Fill(pcm, 0, 1280);
            gen.Start('#', 60);
            gen.Fill(pcm, 1280, 1280);
            gen.Start('0', 60);
            gen.Fill(pcm, 2560, 1280);

            Assert.AreEqual("5#0", Detect(pcm));
        }

        /// <summary>Silence is not a digit.</summary>
        [TestMethod]
        public void Silence_is_no_digit()
        {
            Assert.AreEqual("", Detect(new short[1600]));
        }
    }
}
