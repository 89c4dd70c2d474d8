// Counters of parsed and dropped SIP messages, so malformed input is counted rather than thrown.
namespace Phone.Core.Sip
{
    /// <summary>Parser statistics; one instance may be shared by several <see cref="SipMessage"/> objects of one thread.</summary>
    public sealed class SipParseStats
    {
        private const int ErrorCount = 13;
        private static readonly string[] s_names =
        {
            "None", "TooLarge", "TooManyHeaders", "BadStartLine", "BadRequestUri", "VersionNotSupported", "BadHeader",
            "BadHeaderValue", "DuplicateHeader", "MissingHeader", "BadCSeq", "BadContentLength", "ValueOutOfRange",
        };

        private readonly int[] _rejected = new int[ErrorCount];

        /// <summary>Messages accepted.</summary>
        public int Accepted;

        /// <summary>Messages rejected, all reasons.</summary>
        public int Rejected;

        /// <summary>Counts one outcome.</summary>
        [HotPath]
        public void Count(SipParseError error)
        {
            if (error == SipParseError.None)
            {
                Accepted++;
                return;
            }
            Rejected++;
            int i = (int)error;
            if (i < ErrorCount) _rejected[i]++;
        }

        /// <summary>Messages rejected for one reason.</summary>
        public int RejectedFor(SipParseError error)
        {
            int i = (int)error;
            return i < ErrorCount ? _rejected[i] : 0;
        }

        /// <summary>Name of an error for logs.</summary>
        public static string ErrorName(SipParseError error)
        {
            int i = (int)error;
            return i < ErrorCount ? s_names[i] : "?";
        }
    }
}
