// Items found while scanning a challenge or credentials list, RFC 7235 §2.1 / RFC 3261 §25.1.
namespace Phone.Core.Auth
{
    /// <summary>What <see cref="AuthParamReader.Next"/> found.</summary>
    public enum AuthParamKind : byte
    {
        /// <summary>No more input.</summary>
        End = 0,

        /// <summary>An auth-scheme token that starts a new challenge ("Digest").</summary>
        Scheme = 1,

        /// <summary>A name=value auth-param.</summary>
        Param = 2,

        /// <summary>Malformed input; the reader stops.</summary>
        Error = 3,
    }
}
