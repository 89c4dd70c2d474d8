// Media direction attributes, RFC 4566 §6 (a=sendrecv/sendonly/recvonly/inactive) as used for hold in RFC 3264 §8.4.
namespace Phone.Core.Sdp
{
    /// <summary>Direction of a media stream from the point of view of the SDP's author.</summary>
    public enum SdpDirection : byte
    {
        /// <summary>a=sendrecv (default when absent).</summary>
        SendRecv = 0,

        /// <summary>a=sendonly (the author puts the other side on hold).</summary>
        SendOnly = 1,

        /// <summary>a=recvonly.</summary>
        RecvOnly = 2,

        /// <summary>a=inactive.</summary>
        Inactive = 3,
    }
}
