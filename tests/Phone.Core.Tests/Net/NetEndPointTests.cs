namespace Phone.Core.Tests.Net
{
    using Phone.Core.Net;

    public class NetEndPointTests
    {
        [Theory]
        [InlineData("127.0.0.1", 0x7F000001u)]
        [InlineData("0.0.0.0", 0u)]
        [InlineData("255.255.255.255", 0xFFFFFFFFu)]
        [InlineData("192.168.1.10", 0xC0A8010Au)]
        public void ParsesDottedQuad(string text, uint expected)
        {
            Assert.True(NetEndPoint.TryParseAddress(text, out uint address));
            Assert.Equal(expected, address);
            Assert.Equal(text, NetEndPoint.AddressToString(address));
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("1.2.3")]
        [InlineData("1.2.3.4.5")]
        [InlineData("256.1.1.1")]
        [InlineData("1..2.3")]
        [InlineData("1.2.3.")]
        [InlineData("1.2.3.4 ")]
        [InlineData("1234.1.1.1")]
        [InlineData("a.b.c.d")]
        public void RejectsMalformedAddresses(string text)
        {
            Assert.False(NetEndPoint.TryParseAddress(text, out _));
        }

        [Fact]
        public void FormatsWithPort()
        {
            var ep = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 7), 5060);
            Assert.Equal("10.0.0.7:5060", ep.ToString());
            Assert.True(ep.SameAs(new NetEndPoint(0x0A000007, 5060)));
            Assert.False(ep.IsEmpty);
        }
    }
}
