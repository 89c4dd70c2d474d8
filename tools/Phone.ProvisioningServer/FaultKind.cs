// Injected failures of one served file (the provisioning fault table, driven by integration tests).
namespace Phone.ProvisioningServer
{
    /// <summary>How a file fails when a fault is set for it.</summary>
    public enum FaultKind
    {
        /// <summary>Served normally.</summary>
        None,
        /// <summary>404 Not Found.</summary>
        NotFound,
        /// <summary>500 Internal Server Error.</summary>
        ServerError,
        /// <summary>No response for <see cref="ProvisioningServerOptions.HangMs"/> (the client times out first).</summary>
        Hang,
        /// <summary>302 to the same URL, forever.</summary>
        RedirectLoop,
        /// <summary>200 with a text/html captive-portal page instead of the config.</summary>
        Html,
        /// <summary>200 with a 1 MiB chunked body (no Content-Length).</summary>
        Oversized,
        /// <summary>Content-Length of the whole file, half of it sent, then the connection is reset.</summary>
        Truncated,
        /// <summary>Every other request for the file gets 500 (first one fails).</summary>
        FailHalf,
    }
}
