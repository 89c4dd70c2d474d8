// 3xx target set of one call (RFC 3261 §8.1.3.4, q-values §20.10), built by the first 3xx and dropped with the call.
namespace Phone.Core.Sip.Calls
{
    /// <summary>
    /// The Contacts of the 3xx responses a call still has to try (best q first) and the URIs it already tried (the
    /// original one included, so that redirect loops end). A call that is never redirected has none.
    /// </summary>
    internal sealed class CallRedirect
    {
        /// <summary>Targets still to try, best q first.</summary>
        internal readonly string[] Targets = new string[4];

        /// <summary>q-value of each target, in thousandths.</summary>
        internal readonly int[] Q = new int[4];

        /// <summary>Entries of <see cref="Targets"/> in use.</summary>
        internal int Count;

        /// <summary>URIs tried so far, the original Request-URI first.</summary>
        internal readonly string[] TriedUris = new string[CallManager.MaxRedirects + 1];

        /// <summary>Entries of <see cref="TriedUris"/> in use.</summary>
        internal int Tried;

        /// <summary>New INVITEs sent because of redirects (at most <see cref="CallManager.MaxRedirects"/>).</summary>
        internal int Sent;
    }
}
