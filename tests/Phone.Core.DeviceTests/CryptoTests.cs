// On-device checks of MD5 (RFC 1321 §A.5), SHA-256 (FIPS 180-4 "abc") and HMAC-SHA-256 (RFC 4231 §4.2 test case 1).
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>Digest vectors computed by the board's nanoCLR.</summary>
    [TestClass]
    public class CryptoTests
    {
        private static byte[] Ascii(string s)
        {
            byte[] b = new byte[Utf8.ByteCount(s)];
            Utf8.GetBytes(s, b, 0);
            return b;
        }

        /// <summary>RFC 1321 §A.5: MD5("abc").</summary>
        [TestMethod]
        public void Md5_of_abc()
        {
            byte[] data = Ascii("abc");
            byte[] digest = new byte[16];
            Md5.Hash(data, 0, data.Length, digest, 0);
            Assert.AreEqual("900150983cd24fb0d6963f7d28e17f72", Hex.ToLowerHex(digest, 0, 16));
        }

        /// <summary>FIPS 180-4 example: SHA-256("abc").</summary>
        [TestMethod]
        public void Sha256_of_abc()
        {
            byte[] data = Ascii("abc");
            byte[] digest = new byte[32];
            Sha256.Hash(data, 0, data.Length, digest, 0);
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.ToLowerHex(digest, 0, 32));
        }

        /// <summary>RFC 4231 §4.2 test case 1: key 20 × 0x0b, data "Hi There".</summary>
        [TestMethod]
        public void HmacSha256_rfc4231_case1()
        {
            byte[] key = new byte[20];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = 0x0b;
            }

            byte[] data = Ascii("Hi There");
            byte[] mac = new byte[32];
            HmacSha256.Compute(key, 0, key.Length, data, 0, data.Length, mac, 0);
            Assert.AreEqual("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", Hex.ToLowerHex(mac, 0, 32));
        }
    }
}
