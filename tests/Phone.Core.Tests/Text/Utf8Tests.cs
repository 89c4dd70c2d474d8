// UTF-8 helpers against .NET's Encoding.UTF8 (RFC 3629).
namespace Phone.Core.Tests.Text
{
    using CsCheck;
    using Phone.Core.Text;

    public class Utf8Tests
    {
        [Theory]
        [InlineData("")]
        [InlineData("REGISTER sip:example.com SIP/2.0")]
        [InlineData("Ærøskøbing €5")]
        [InlineData("\U0001F4DE call")]
        public void EncodesLikeDotNet(string s)
        {
            byte[] expected = System.Text.Encoding.UTF8.GetBytes(s);
            Assert.Equal(expected.Length, Utf8.ByteCount(s));
            byte[] buf = new byte[expected.Length + 2];
            Assert.Equal(expected.Length, Utf8.GetBytes(s, buf, 2));
            Assert.Equal(expected, buf[2..]);
            Assert.Equal(s, Utf8.GetString(buf, 2, expected.Length));
        }

        [Fact]
        public void MalformedBytesDecodeAsReplacementNotThrow()
        {
            byte[] bad = { (byte)'a', 0xC0, 0xAF, (byte)'b', 0xE2, 0x82, 0xFF, 0xF0, 0x9F };
            string s = Utf8.GetString(bad, 0, bad.Length);
            Assert.StartsWith("a\uFFFD", s);
            Assert.Contains("b", s);
            Assert.DoesNotContain("\u002F", s);
        }

        [Fact]
        public void UnpairedSurrogateEncodesAsReplacement()
        {
            string s = "x\uD800y";
            byte[] buf = new byte[Utf8.ByteCount(s)];
            Utf8.GetBytes(s, buf, 0);
            Assert.Equal("x\uFFFDy", Utf8.GetString(buf, 0, buf.Length));
        }

        [Fact]
        public void RoundTripsRandomStrings()
        {
            Gen.String.Sample(s =>
            {
                string wellFormed = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(s));
                byte[] expected = System.Text.Encoding.UTF8.GetBytes(wellFormed);
                byte[] buf = new byte[Utf8.ByteCount(wellFormed)];
                Assert.Equal(buf.Length, Utf8.GetBytes(wellFormed, buf, 0));
                Assert.Equal(expected, buf);
                Assert.Equal(wellFormed, Utf8.GetString(buf, 0, buf.Length));
            }, iter: 2000);
        }

        [Fact]
        public void AsciiCheck()
        {
            Assert.True(Utf8.IsAscii(new byte[] { 0x41, 0x7F }, 0, 2));
            Assert.False(Utf8.IsAscii(new byte[] { 0x41, 0x80 }, 0, 2));
        }
    }
}
