// Attribute names for SdpDirection and the RFC 3264 §6.1 answer rule (enum.ToString() prints a number on the device).
namespace Phone.Core.Sdp
{
    /// <summary>Name table and direction algebra for <see cref="SdpDirection"/>.</summary>
    public static class SdpDirectionNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 4;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "sendrecv";
                case 1: return "sendonly";
                case 2: return "recvonly";
                case 3: return "inactive";
                default: return "?";
            }
        }

        /// <summary>Attribute name ("sendonly").</summary>
        public static string Name(SdpDirection d) => NameAt((int)d & 3);

        /// <summary>True when the author of the SDP wants to send.</summary>
        public static bool Sends(SdpDirection d) => d == SdpDirection.SendRecv || d == SdpDirection.SendOnly;

        /// <summary>True when the author of the SDP wants to receive.</summary>
        public static bool Receives(SdpDirection d) => d == SdpDirection.SendRecv || d == SdpDirection.RecvOnly;

        /// <summary>Direction from send/receive flags.</summary>
        public static SdpDirection From(bool send, bool receive)
        {
            if (send && receive) return SdpDirection.SendRecv;
            if (send) return SdpDirection.SendOnly;
            if (receive) return SdpDirection.RecvOnly;
            return SdpDirection.Inactive;
        }

        /// <summary>
        /// RFC 3264 §6.1: the answer's direction for an offered direction, limited by what we want locally
        /// (sendonly is answered recvonly or inactive, recvonly with sendonly or inactive, inactive with inactive).
        /// </summary>
        public static SdpDirection Answer(SdpDirection offered, SdpDirection local)
            => From(Receives(offered) && Sends(local), Sends(offered) && Receives(local));
    }
}
