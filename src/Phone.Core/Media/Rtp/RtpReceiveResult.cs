// What the RTP receiver made of one datagram.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Result of <see cref="RtpReceiver.Receive"/>.</summary>
    public enum RtpReceiveResult : byte
    {
        /// <summary>Dropped (the reason is counted in <see cref="RtpStats"/>).</summary>
        Dropped = 0,
        /// <summary>An audio packet of the current source.</summary>
        Audio = 1,
        /// <summary>An RFC 4733 telephone-event packet of the current source.</summary>
        TelephoneEvent = 2,
    }
}
