// Constant-time comparison and hex helpers.
namespace Phone.Core.Tests.Crypto
{
    using Phone.Core.Crypto;

    public class CryptoBytesTests
    {
        [Fact]
        public void FixedTimeEqualsComparesRangesAtOffsets()
        {
            byte[] a = { 9, 1, 2, 3, 4 };
            byte[] b = { 1, 2, 3, 4 };
            Assert.True(CryptoBytes.FixedTimeEquals(a, 1, b, 0, 4));
            Assert.True(CryptoBytes.FixedTimeEquals(a, 0, b, 0, 0));
            b[3] = 5;
            Assert.False(CryptoBytes.FixedTimeEquals(a, 1, b, 0, 4));
            b[3] = 4;
            b[0] = 0x81;
            Assert.False(CryptoBytes.FixedTimeEquals(a, 1, b, 0, 4));
        }

        [Fact]
        public void WipeZeroesOnlyTheRange()
        {
            byte[] a = { 1, 2, 3, 4 };
            CryptoBytes.Wipe(a, 1, 2);
            Assert.Equal(new byte[] { 1, 0, 0, 4 }, a);
        }

        [Fact]
        public void HexRoundTripsAllByteValues()
        {
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) all[i] = (byte)i;
            string s = Hex.ToLowerHex(all, 0, 256);
            Assert.Equal(System.Convert.ToHexString(all).ToLowerInvariant(), s);
            byte[] ascii = new byte[513];
            Assert.Equal(512, Hex.ToLowerHex(all, 0, 256, ascii, 1));
            Assert.Equal(s, System.Text.Encoding.ASCII.GetString(ascii, 1, 512));
            byte[] back = new byte[256];
            Assert.True(Hex.TryDecode(s.ToUpperInvariant(), 0, 256, back, 0));
            Assert.Equal(all, back);
            Assert.False(Hex.TryDecode("0g", 0, 1, back, 0));
            Assert.False(Hex.TryDecode("0", 0, 1, back, 0));
        }
    }
}
