// ASCII text to bytes for test inputs (nano mscorlib has no Encoding).
namespace Phone.NanoSmoke
{
    /// <summary>Test-input helper.</summary>
    public static class Ascii
    {
        /// <summary>Each char's low 8 bits; the smoke inputs are ASCII.</summary>
        public static byte[] Bytes(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++) b[i] = (byte)s[i];
            return b;
        }
    }
}
