// Property test: any offer we build parses back to what was configured, and two of our negotiators agree (RFC 3264).
namespace Phone.Core.Tests.Sdp
{
    using CsCheck;
    using Phone.Core.Sdp;
    using Phone.Core.Text;

    public class SdpRoundTripTests
    {
        [Fact]
        public void BuildParseRoundTripAndMutualNegotiation()
        {
            var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[95, 127], Gen.Int[1, 32767], Gen.UInt, Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool);
            gen.Sample((codecSet, te, portHalf, address, dir, peerCodecSet, ipv6) =>
            {
                int[][] sets = { new[] { 0, 8 }, new[] { 8, 0 }, new[] { 0 }, new[] { 8 } };
                int[] codecs = sets[codecSet];
                int tePt = te == 95 ? -1 : te;
                var a = new SdpOfferAnswer(codecs, tePt, 20, 42, new SdpStats());
                if (ipv6)
                {
                    byte[] text = System.Text.Encoding.ASCII.GetBytes("2001:db8::" + (address & 0xFFFF).ToString("x"));
                    Assert.True(a.LocalAddress.TrySet(true, text, 0, text.Length));
                }
                else
                {
                    a.LocalAddress.SetIpv4(address);
                }
                a.LocalPort = portHalf * 2;
                var w = new ByteWriter(new byte[1024], 0, 1024);
                Assert.True(a.WriteOffer((SdpDirection)dir, w));

                var parsed = new SdpSession();
                Assert.True(parsed.TryParse(w.Buffer, 0, w.Length, null));
                Assert.Equal(1, parsed.MediaCount);
                SdpMedia m = parsed.Media[0];
                Assert.Equal(portHalf * 2, m.Port);
                Assert.Equal((SdpDirection)dir, parsed.EffectiveDirection(0));
                Assert.Equal(20, m.Ptime);
                Assert.Equal(42UL, parsed.SessionId);
                Assert.True(parsed.EffectiveConnection(0).SameAs(a.LocalAddress));
                Assert.Equal(codecs.Length + (tePt >= 0 ? 1 : 0), m.FormatCount);
                for (int i = 0; i < codecs.Length; i++) Assert.Equal(codecs[i], SdpOfferAnswer.CodecOf(m, i));
                if (tePt >= 0) Assert.Equal("0-16", m.Fmtp(codecs.Length));

                // A peer with its own preferences answers; we process the answer; both must agree.
                int[] peerCodecs = sets[peerCodecSet];
                var b = new SdpOfferAnswer(peerCodecs, 101, 20, 7, new SdpStats());
                b.LocalAddress.SetIpv4(0x0A000002);
                b.LocalPort = 20000;
                var aw = new ByteWriter(new byte[1024], 0, 1024);
                SdpResult r = b.ProcessOffer(parsed, SdpDirection.SendRecv, aw);
                bool common = System.Array.Exists(codecs, c => System.Array.IndexOf(peerCodecs, c) >= 0);
                if (!common)
                {
                    Assert.Equal(SdpResult.NotAcceptable, r);
                    return;
                }
                Assert.Equal(SdpResult.Ok, r);
                var answer = new SdpSession();
                Assert.True(answer.TryParse(aw.Buffer, 0, aw.Length, null));
                Assert.Equal(SdpResult.Ok, a.ProcessAnswer(answer));
                Assert.Equal(b.Current.PayloadType, a.Current.PayloadType);
                Assert.Equal(tePt, b.Current.TelephoneEventPayloadType);
                Assert.Equal(tePt, a.Current.TelephoneEventPayloadType);
                Assert.Equal(20000, a.Current.RemotePort);
                // The offerer's first codec that the answerer supports wins (RFC 3264 §6.1 as implemented).
                int expected = System.Array.Find(codecs, c => System.Array.IndexOf(peerCodecs, c) >= 0);
                Assert.Equal(expected, a.Current.Codec);
            }, iter: 500);
        }
    }
}
