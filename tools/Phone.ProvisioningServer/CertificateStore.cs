// Self-signed CA and server certificate of the provisioning server, created at first start (RFC 5280 profiles).
namespace Phone.ProvisioningServer
{
    using System;
    using System.IO;
    using System.Net;
    using System.Security.Cryptography;
    using System.Security.Cryptography.X509Certificates;

    /// <summary>
    /// Loads or creates ca.pem/ca-key.pem and server.pem/server-key.pem in the data directory (ECDSA P-256, which
    /// the device's TLS stack handles), and makes the test-only certificate variants on demand.
    /// </summary>
    public static class CertificateStore
    {
        /// <summary>File name of the CA certificate handed to devices.</summary>
        public const string CaFileName = "ca.pem";

        /// <summary>Returns the CA certificate (with key) and the server certificate to present for <paramref name="mode"/>.</summary>
        public static X509Certificate2 Load(string dataDir, ServerCertificateMode mode, out X509Certificate2 ca)
        {
            ca = LoadOrCreateCa(dataDir);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            switch (mode)
            {
                case ServerCertificateMode.Expired:
                    return Issue(ca, "localhost", true, now.AddDays(-30), now.AddDays(-1));
                case ServerCertificateMode.WrongName:
                    return Issue(ca, "otherhost", false, now.AddDays(-1), now.AddDays(30));
                case ServerCertificateMode.UnknownCa:
                    using (X509Certificate2 stranger = CreateCa("Unknown Test CA"))
                        return Issue(stranger, "localhost", true, now.AddDays(-1), now.AddDays(30));
                default:
                    return LoadOrCreateServer(dataDir, ca);
            }
        }

        private static X509Certificate2 LoadOrCreateCa(string dataDir)
        {
            string certPath = Path.Combine(dataDir, CaFileName);
            string keyPath = Path.Combine(dataDir, "ca-key.pem");
            if (File.Exists(certPath) && File.Exists(keyPath))
                return X509Certificate2.CreateFromPemFile(certPath, keyPath);

            X509Certificate2 ca = CreateCa("Phone Provisioning Test CA");
            File.WriteAllText(certPath, ca.ExportCertificatePem());
            WritePrivate(keyPath, ca.GetECDsaPrivateKey().ExportPkcs8PrivateKeyPem());
            return ca;
        }

        private static X509Certificate2 LoadOrCreateServer(string dataDir, X509Certificate2 ca)
        {
            string certPath = Path.Combine(dataDir, "server.pem");
            string keyPath = Path.Combine(dataDir, "server-key.pem");
            if (File.Exists(certPath) && File.Exists(keyPath))
            {
                X509Certificate2 existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
                // Re-issue when it is near expiry or was signed by a CA that has since been replaced.
                if (existing.NotAfter > DateTime.Now.AddDays(7) && existing.Issuer == ca.Subject) return Reload(existing);
                existing.Dispose();
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            X509Certificate2 server = Issue(ca, "localhost", true, now.AddDays(-1), now.AddYears(2));
            File.WriteAllText(certPath, server.ExportCertificatePem());
            WritePrivate(keyPath, server.GetECDsaPrivateKey().ExportPkcs8PrivateKeyPem());
            return server;
        }

        private static X509Certificate2 CreateCa(string name)
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                CertificateRequest request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(
                    X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                DateTimeOffset now = DateTimeOffset.UtcNow;
                // Back-dated a year so that an already-expired test certificate can still be issued under it.
                using (X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-365), now.AddYears(10)))
                    return Reload(created);
            }
        }

        // Leaf certificate for a TLS server (RFC 5280 §4.2.1.6 subjectAltName carries the names that are checked).
        private static X509Certificate2 Issue(X509Certificate2 ca, string dnsName, bool withLoopbackIp,
            DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                CertificateRequest request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
                SubjectAlternativeNameBuilder names = new SubjectAlternativeNameBuilder();
                names.AddDnsName(dnsName);
                if (withLoopbackIp) names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                    new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
                request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
                byte[] serial = new byte[12];
                RandomNumberGenerator.Fill(serial);
                serial[0] &= 0x7F;
                if (notAfter > ca.NotAfter) notAfter = ca.NotAfter;
                if (notBefore < ca.NotBefore) notBefore = ca.NotBefore;
                using (X509Certificate2 signed = request.Create(ca, notBefore, notAfter, serial))
                using (X509Certificate2 withKey = signed.CopyWithPrivateKey(key))
                    return Reload(withKey);
            }
        }

        // A PKCS#12 round trip gives a certificate whose key outlives the ECDsa object it was made from.
        private static X509Certificate2 Reload(X509Certificate2 certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null,
                X509KeyStorageFlags.Exportable);
        }

        private static void WritePrivate(string path, string text)
        {
            File.WriteAllText(path, text);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
