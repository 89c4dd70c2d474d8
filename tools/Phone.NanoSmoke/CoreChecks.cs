// Self-checks of the portable core (Phone.Core) run on nanoCLR: each proves the types load and give desktop results.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Net;

    /// <summary>One method per core area; each catches its own exceptions so one failure does not hide the rest.</summary>
    public static class CoreChecks
    {
        /// <summary>Runs every core check.</summary>
        public static void Run()
        {
            try
            {
                NetEndPointChecks();
            }
            catch (Exception e)
            {
                Report.Threw("Net.NetEndPoint", e);
            }
        }

        private static void NetEndPointChecks()
        {
            uint a;
            Report.Check("Net.NetEndPoint.TryParseAddress 192.168.1.10", NetEndPoint.TryParseAddress("192.168.1.10", out a));
            Report.Equal("Net.NetEndPoint address value", 0xC0A8010AL, a);
            Report.Check("Net.NetEndPoint rejects 256.1.1.1", !NetEndPoint.TryParseAddress("256.1.1.1", out a));
            Report.Check("Net.NetEndPoint rejects 1.2.3", !NetEndPoint.TryParseAddress("1.2.3", out a));
            NetEndPoint ep = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 7), 5060);
            Report.Equal("Net.NetEndPoint.ToString", "10.0.0.7:5060", ep.ToString());
            Report.Check("Net.NetEndPoint.SameAs", ep.SameAs(new NetEndPoint(0x0A000007, 5060)) && !ep.IsEmpty);
        }
    }
}
