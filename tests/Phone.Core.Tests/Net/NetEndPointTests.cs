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

        [Fact]
        public void Pack_and_store_round_trip_the_highest_address_and_port_and_the_empty_end_point()
        {
            var edges = new[] { new NetEndPoint(0xFFFFFFFEu, 65535), new NetEndPoint(0x7F000001, 0), default(NetEndPoint) };
            var slots = new int[3];
            foreach (NetEndPoint e in edges)
            {
                Assert.True(NetEndPoint.Unpack(e.Pack()).SameAs(e));
                e.Store(slots, 1);
                Assert.True(NetEndPoint.Load(slots, 1).SameAs(e));
                Assert.Equal(0, slots[0]);
            }
        }
    }
}
