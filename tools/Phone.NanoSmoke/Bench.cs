// Timing cases for the reference frame kernels, SIP parsing and digests on nanoCLR.
namespace Phone.NanoSmoke
{
    using Phone.Core.Crypto;
    using Phone.Core.Sip;

    /// <summary>Cases that need only what is always in the core; media cases are in <c>MediaBench</c>.</summary>
    public static class Bench
    {
        /// <summary>Runs every case.</summary>
        public static void Run()
        {
            BareFrame f = new BareFrame();
            Timing.Measure("bare frame, call per sample + 256 B table", n => { for (int i = 0; i < n; i++) f.RunCallPerSample(); });
            Timing.Measure("bare frame, encoder inlined in loop", n => { for (int i = 0; i < n; i++) f.RunInlined(); });
            Timing.Measure("bare frame, 16 KB direct table", n => { for (int i = 0; i < n; i++) f.RunDirectTable(); });
            Timing.Measure("  part: RTP header + Array.Copy 160 B", n => { for (int i = 0; i < n; i++) f.RunHeaderAndCopyOnly(); });
            Timing.Measure("empty loop (overhead)", n => { for (int i = 0; i < n; i++) { } });

            // Floors for any per-sample pass over a 20 ms frame: the cheapest loop body versus the native copy.
            short[] a = new short[BareFrame.Samples];
            short[] b = new short[BareFrame.Samples];
            Timing.Measure("floor: 160-sample loop b[i] = a[i]", n =>
            {
                for (int k = 0; k < n; k++)
                {
                    for (int i = 0; i < BareFrame.Samples; i++) b[i] = a[i];
                }
            });
            Timing.Measure("floor: Array.Copy of 160 shorts", n => { for (int k = 0; k < n; k++) System.Array.Copy(a, 0, b, 0, BareFrame.Samples); });

            SipMessage sip = new SipMessage();
            byte[] invite = Ascii.Bytes(SipChecks.Invite);
            Timing.Measure("SIP parse, office INVITE (" + invite.Length.ToString() + " B)",
                n => { for (int i = 0; i < n; i++) sip.TryParse(invite, 0, invite.Length); });

            byte[] block = new byte[64];
            byte[] digest = new byte[32];
            Timing.Measure("MD5, 64 B", n => { for (int i = 0; i < n; i++) Md5.Hash(block, 0, 64, digest, 0); });
            Phone.Core.Auth.DigestChallenge challenge = new Phone.Core.Auth.DigestChallenge();
            Timing.Measure("digest challenge parse (RFC 7616 example)",
                n => { for (int i = 0; i < n; i++) Phone.Core.Auth.DigestChallenge.TryParse(AuthChecks.Challenge7616, challenge); });
            Timing.Measure("SHA-256, 64 B", n => { for (int i = 0; i < n; i++) Sha256.Hash(block, 0, 64, digest, 0); });
        }
    }
}
