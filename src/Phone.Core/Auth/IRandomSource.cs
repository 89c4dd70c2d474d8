// Source of unpredictable bytes for client nonces (cnonce, RFC 7616 §3.4); the device passes its hardware RNG.
namespace Phone.Core.Auth
{
    /// <summary>Fills buffers with random bytes. Tests pass a fixed sequence.</summary>
    public interface IRandomSource
    {
        /// <summary>Writes <paramref name="count"/> random bytes at buffer[offset].</summary>
        void NextBytes(byte[] buffer, int offset, int count);
    }
}
