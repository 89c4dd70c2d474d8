// Media types of an m= line, RFC 4566 §5.14.
namespace Phone.Core.Sdp
{
    /// <summary>The media token of an m= line; anything else is <see cref="Other"/>.</summary>
    public enum SdpMediaType : byte
    {
        /// <summary>Unknown media token (application, text, message, image...).</summary>
        Other = 0,

        /// <summary>audio.</summary>
        Audio = 1,

        /// <summary>video.</summary>
        Video = 2,
    }
}
