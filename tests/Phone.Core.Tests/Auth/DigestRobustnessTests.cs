// Random and mutated header values never make the Digest parsers throw (malformed input is refused, not thrown).
namespace Phone.Core.Tests.Auth
{
    using CsCheck;
    using Phone.Core.Auth;

    public class DigestRobustnessTests
    {
        private const string Seed = "Digest realm=\"a\\\"b\", nonce=\"n\", qop=\"auth,auth-int\", algorithm=SHA-256, stale=true, opaque=\"o\"";

        [Fact]
        public void RandomAndMutatedChallengesNeverThrow()
        {
            var gen = Gen.OneOf(
                Gen.String,
                Gen.Select(Gen.Int[0, Seed.Length - 1], Gen.Char["\"\\,= \r\nazAZ09-"]).Select((i, c) => Seed.Substring(0, i) + c + Seed.Substring(i + 1)),
                Gen.Int[0, Seed.Length].Select(i => Seed.Substring(0, i)));
            gen.Sample(s =>
            {
                var c = new DigestChallenge();
                DigestChallenge.TryParse(s, c);
                var a = new DigestAuthorization();
                DigestAuthorization.TryParse(s, a);
                var client = new DigestClient(new DigestCredentialStore(1), new CountingRandom(), 2, 1);
                client.OnChallenge(s, false);
            }, iter: 5000);
        }
    }
}
