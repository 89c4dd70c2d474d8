// The source filter's ports in 16 bits: the highest port, port 0 (any port) and neighbours stay apart.
namespace Phone.Core.Tests.Sip.Transport
{
    using Phone.Core.Net;
    using Phone.Core.Sip.Transport;
    using Xunit;

    public class SipSourceFilterPortTests
    {
        [Fact]
        public void Ports_up_to_65535_match_exactly_and_port_0_allows_any_port()
        {
            uint pbx = NetEndPoint.MakeAddress(127, 0, 0, 10);
            uint desk = NetEndPoint.MakeAddress(127, 0, 0, 11);
            var filter = new SipSourceFilter(4, 1, 1);
            Assert.True(filter.Allow(new NetEndPoint(pbx, 65535)));
            Assert.True(filter.Allow(new NetEndPoint(desk, 0)));
            Assert.True(filter.IsAllowed(new NetEndPoint(pbx, 65535)));
            Assert.False(filter.IsAllowed(new NetEndPoint(pbx, 65534)));
            Assert.False(filter.IsAllowed(new NetEndPoint(pbx, 5060)));
            Assert.True(filter.IsAllowed(new NetEndPoint(desk, 5060)));
            Assert.True(filter.IsAllowed(new NetEndPoint(desk, 65535)));
            filter.Remove(new NetEndPoint(pbx, 65535));
            Assert.False(filter.IsAllowed(new NetEndPoint(pbx, 65535)));
            Assert.Equal(1, filter.Count);
        }
    }
}
