// Self-checks of Phone.Core.Crypto on nanoCLR: MD5 (RFC 1321 A.5) and SHA-256 (FIPS 180-4 example) of "abc".
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Crypto;

    /// <summary>Known-answer digests computed by the interpreter.</summary>
    public static class CryptoChecks
    {
        /// <summary>Runs the checks.</summary>
        public static void Run()
        {
            try
            {
                byte[] abc = Ascii.Bytes("abc");
                byte[] digest = new byte[32];
                Md5.Hash(abc, 0, abc.Length, digest, 0);
                Report.Equal("Crypto.Md5 \"abc\" (RFC 1321 A.5)", "900150983cd24fb0d6963f7d28e17f72", Hex.ToLowerHex(digest, 0, 16));
                Sha256.Hash(abc, 0, abc.Length, digest, 0);
                Report.Equal("Crypto.Sha256 \"abc\" (FIPS 180-4)",
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.ToLowerHex(digest, 0, 32));
            }
            catch (Exception e)
            {
                Report.Threw("Crypto", e);
            }
        }
    }
}
