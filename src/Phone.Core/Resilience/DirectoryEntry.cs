// One office extension from the last-known-good provisioning ("directory.<ext> = name, a.b.c.d[:port]").
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;

    /// <summary>An extension, its display name and the LAN end point of the desk that has it.</summary>
    public sealed class DirectoryEntry
    {
        /// <summary>Extension as dialled ("202").</summary>
        public string Extension;

        /// <summary>Display name ("Reception").</summary>
        public string Name;

        /// <summary>SIP end point of the desk on the LAN.</summary>
        public NetEndPoint EndPoint;
    }
}
