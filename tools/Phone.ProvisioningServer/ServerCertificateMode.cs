// Which server certificate the provisioning server presents (test knob for the TLS rows of the fault table).
namespace Phone.ProvisioningServer
{
    /// <summary>Server certificate variants; all but <see cref="Normal"/> are generated per start and never persisted.</summary>
    public enum ServerCertificateMode
    {
        /// <summary>The persisted certificate for localhost / 127.0.0.1, signed by the data directory's CA.</summary>
        Normal,
        /// <summary>Signed by the CA but expired yesterday.</summary>
        Expired,
        /// <summary>Signed by the CA, valid, but naming only "otherhost" (no IP address).</summary>
        WrongName,
        /// <summary>Valid and naming localhost / 127.0.0.1, but signed by a throw-away CA nobody trusts.</summary>
        UnknownCa,
    }
}
