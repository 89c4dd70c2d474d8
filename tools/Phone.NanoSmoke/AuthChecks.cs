// Self-checks of Phone.Core.Auth on nanoCLR: the RFC 2617 §3.5 and RFC 7616 §3.9.1 digest examples.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Auth;

    /// <summary>Digest challenge parsing and response computation give the RFCs' published answers on the interpreter.</summary>
    public static class AuthChecks
    {
        /// <summary>The RFC 7616 §3.9.1 challenge (SHA-256).</summary>
        public const string Challenge7616 =
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        /// <summary>Runs the checks.</summary>
        public static void Run()
        {
            try
            {
                Report.Equal("Auth.DigestCalculator MD5 (RFC 2617 3.5)", "6629fae49393a05397450978507c4ef1",
                    DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life",
                        "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth"));

                DigestChallenge c = new DigestChallenge();
                bool ok = DigestChallenge.TryParse(Challenge7616, c);
                Report.Check("Auth.DigestChallenge.TryParse RFC 7616 3.9.1", ok && c.Algorithm == DigestAlgorithm.Sha256
                    && c.QopAuth && c.QopAuthInt && c.Realm == "http-auth@example.org");
                Report.Equal("Auth.DigestCalculator SHA-256 (RFC 7616 3.9.1)",
                    "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                    DigestCalculator.ComputeResponse(DigestAlgorithm.Sha256, "Mufasa", c.Realm, "Circle of Life",
                        "GET", "/dir/index.html", c.Nonce, 1, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"));
            }
            catch (Exception e)
            {
                Report.Threw("Auth", e);
            }
        }
    }
}
