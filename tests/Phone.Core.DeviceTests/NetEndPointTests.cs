// On-device checks of NetEndPoint's dotted-quad parse and format (RFC 791 §3.2 addresses, first octet high).
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Net;

    /// <summary>NetEndPoint parse/format as the board's nanoCLR runs it.</summary>
    [TestClass]
    public class NetEndPointTests
    {
        /// <summary>An office address parses to the integer with the first octet in the high byte.</summary>
        [TestMethod]
        public void Parses_dotted_quad_first_octet_high()
        {
            uint address;
            Assert.IsTrue(NetEndPoint.TryParseAddress("192.168.1.20", out address));
            Assert.AreEqual(0xC0A80114u, address);
            Assert.AreEqual(NetEndPoint.MakeAddress(192, 168, 1, 20), address);
        }

        /// <summary>Malformed text is refused, not half-parsed.</summary>
        [TestMethod]
        public void Refuses_malformed_addresses()
        {
            uint address;
            Assert.IsFalse(NetEndPoint.TryParseAddress("256.1.1.1", out address));
            Assert.IsFalse(NetEndPoint.TryParseAddress("10.0.0", out address));
            Assert.IsFalse(NetEndPoint.TryParseAddress("10.0.0.1.2", out address));
            Assert.IsFalse(NetEndPoint.TryParseAddress("a.b.c.d", out address));
        }

        /// <summary>Formatting gives back the dotted quad and the port.</summary>
        [TestMethod]
        public void Formats_address_and_port()
        {
            var ep = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 254), 5060);
            Assert.AreEqual("10.0.0.254", NetEndPoint.AddressToString(ep.Address));
            Assert.AreEqual("10.0.0.254:5060", ep.ToString());
            Assert.IsTrue(ep.SameAs(new NetEndPoint(0x0A0000FEu, 5060)));
        }
    }
}
