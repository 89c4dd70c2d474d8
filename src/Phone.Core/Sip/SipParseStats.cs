// Counters of parsed and dropped SIP messages, so malformed input is counted rather than thrown.
namespace Phone.Core.Sip
{
    /// <summary>Parser statistics; one instance may be shared by several <see cref="SipMessage"/> objects of one thread.</summary>
    public sealed class SipParseStats
    {
        private const int ErrorCount = 13;
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 13;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "None";
                case 1: return "TooLarge";
                case 2: return "TooManyHeaders";
                case 3: return "BadStartLine";
                case 4: return "BadRequestUri";
                case 5: return "VersionNotSupported";
                case 6: return "BadHeader";
                case 7: return "BadHeaderValue";
                case 8: return "DuplicateHeader";
                case 9: return "MissingHeader";
                case 10: return "BadCSeq";
                case 11: return "BadContentLength";
                case 12: return "ValueOutOfRange";
                default: return "?";
            }
        }

        // Every counter in one array (on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes): slot 0,
        // the place of SipParseError.None, counts the accepted messages, slots 1..12 the rejections per reason; every
        // SipParseError has a slot (a test checks it), so all rejections are their sum rather than one more counter.
        private const int AcceptedAt = 0;
        private readonly int[] _counts = new int[ErrorCount];

        /// <summary>Messages accepted.</summary>
        public int Accepted { get => _counts[AcceptedAt]; set => _counts[AcceptedAt] = value; }

        /// <summary>Messages rejected, all reasons.</summary>
        public int Rejected
        {
            get
            {
                int n = 0;
                for (int i = AcceptedAt + 1; i < ErrorCount; i++) n += _counts[i];
                return n;
            }
        }

        /// <summary>Counts one outcome.</summary>
        [HotPath]
        public void Count(SipParseError error)
        {
            int i = (int)error;
            if (i < ErrorCount) _counts[i]++;
        }

        /// <summary>Messages rejected for one reason.</summary>
        public int RejectedFor(SipParseError error)
        {
            int i = (int)error;
            return i > AcceptedAt && i < ErrorCount ? _counts[i] : 0;
        }

        /// <summary>Name of an error for logs.</summary>
        public static string ErrorName(SipParseError error)
        {
            int i = (int)error;
            return i < ErrorCount ? NameAt(i) : "?";
        }
    }
}
