// On-device checks of the G.711 µ-law/A-law tables (ITU-T G.711 Tables 1a/2a), values read off the printed tables.
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Media.Codecs;

    /// <summary>G.711 encode/decode on the board.</summary>
    [TestClass]
    public class G711Tests
    {
        /// <summary>Spec code points: silence, full scale and ±1000 in both laws.</summary>
        [TestMethod]
        public void Encodes_printed_table_values()
        {
            Assert.AreEqual((byte)0xFF, G711.LinearToUlaw(0));
            Assert.AreEqual((byte)0xD5, G711.LinearToAlaw(0));
            Assert.AreEqual((byte)0x80, G711.LinearToUlaw(32767));
            Assert.AreEqual((byte)0xAA, G711.LinearToAlaw(32767));
            Assert.AreEqual((byte)0x00, G711.LinearToUlaw(-32768));
            Assert.AreEqual((byte)0x2A, G711.LinearToAlaw(-32768));
            Assert.AreEqual((byte)0xCE, G711.LinearToUlaw(1000));
            Assert.AreEqual((byte)0x7A, G711.LinearToAlaw(-1000));
        }

        /// <summary>Decoder levels: µ-law ×4 and A-law ×8 of the table's y values.</summary>
        [TestMethod]
        public void Decodes_printed_table_levels()
        {
            Assert.AreEqual((short)32124, G711.UlawToLinear(0x80));
            Assert.AreEqual((short)-32124, G711.UlawToLinear(0x00));
            Assert.AreEqual((short)132, G711.UlawToLinear(0xEF));
            Assert.AreEqual((short)8, G711.AlawToLinear(0xD5));
            Assert.AreEqual((short)-32256, G711.AlawToLinear(0x2A));
        }

        /// <summary>Every code decodes to a level that encodes back to it (µ-law's negative zero 0x7F becomes 0xFF).</summary>
        [TestMethod]
        public void Every_code_round_trips()
        {
            for (int code = 0; code < 256; code++)
            {
                byte u = G711.LinearToUlaw(G711.UlawToLinear((byte)code));
                Assert.AreEqual(code == 0x7F ? 0xFF : code, (int)u);
                Assert.AreEqual(code, (int)G711.LinearToAlaw(G711.AlawToLinear((byte)code)));
            }
        }

        /// <summary>The block encoder and decoder agree with the per-sample functions.</summary>
        [TestMethod]
        public void Block_round_trip_matches_per_sample()
        {
            short[] pcm = new short[] { 0, 1000, -1000, 32767, -32768, 132 };
            byte[] coded = new byte[pcm.Length];
            short[] back = new short[pcm.Length];
            G711.EncodeUlaw(pcm, 0, coded, 0, pcm.Length);
            G711.DecodeUlaw(coded, 0, back, 0, pcm.Length);
            for (int i = 0; i < pcm.Length; i++)
            {
                Assert.AreEqual(G711.LinearToUlaw(pcm[i]), coded[i]);
                Assert.AreEqual(G711.UlawToLinear(coded[i]), back[i]);
            }
        }
    }
}
