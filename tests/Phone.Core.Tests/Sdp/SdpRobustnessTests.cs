// Mutated corpus SDP bodies never make the parser or the answerer throw.
namespace Phone.Core.Tests.Sdp
{
    using CsCheck;
    using Phone.Core.Sdp;
    using Phone.Core.Text;

    public class SdpRobustnessTests
    {
        [Fact]
        public void MutatedBodiesNeverThrow()
        {
            byte[][] bodies =
            {
                SdpCorpus.Body("office", "04_INVITE_sdp.sip"),
                SdpCorpus.Body("office", "07_200_INVITE_sdp.sip"),
                SdpCorpus.Body("rfc5118", "ipv6-in-sdp.dat"),
                SdpCorpus.Body("rfc5118", "mult-ip-in-sdp.dat"),
            };
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 400], Gen.Byte, Gen.Int[0, 400]).Sample((which, pos, value, cut) =>
            {
                byte[] b = (byte[])bodies[which].Clone();
                b[pos % b.Length] = value;
                int len = cut % (b.Length + 1);
                var s = new SdpSession();
                var stats = new SdpStats();
                if (!s.TryParse(b, 0, len, stats))
                {
                    Assert.Equal(1, stats.Malformed);
                    return;
                }
                var n = new SdpOfferAnswer(new[] { 0, 8 }, 101, 20, 1, stats);
                n.LocalAddress.SetIpv4(0x0A000001);
                n.LocalPort = 4000;
                n.ProcessOffer(s, SdpDirection.SendRecv, new ByteWriter(new byte[2048], 0, 2048));
            }, iter: 5000);
        }
    }
}
