// SIP over TLS on 127.0.0.1 with the host connector: a CA made in the test signs the server certificate; the phone
// trusts only that CA (custom root trust). Wrong CA and wrong server name are refused.
namespace Phone.Core.Tests.Sip.Transport
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Net;
    using System.Net.Security;
    using System.Net.Sockets;
    using System.Security.Cryptography;
    using System.Security.Cryptography.X509Certificates;
    using System.Text;
    using System.Threading;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;

    public class TlsLoopbackTests
    {
        private static X509Certificate2 MakeCa(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pfx), null);
        }

        private static X509Certificate2 MakeServer(X509Certificate2 ca, string dnsName)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            req.CertificateExtensions.Add(san.Build());
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
            using var withKey = cert.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        }

        /// <summary>Accepts one TLS connection, answers the first request 200 and then keeps reading until closed.</summary>
        private sealed class TlsSipServer : IDisposable
        {
            private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
            private readonly Thread _thread;
            public string Received = "";
            public Exception Error;

            public TlsSipServer(X509Certificate2 cert)
            {
                _listener.Start();
                Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
                _thread = new Thread(() =>
                {
                    try
                    {
                        using var client = _listener.AcceptTcpClient();
                        using var ssl = new SslStream(client.GetStream(), false);
                        ssl.AuthenticateAsServer(cert, false, false);
                        var buf = new byte[8192];
                        var text = new StringBuilder();
                        while (!text.ToString().Contains("\r\n\r\n"))
                        {
                            int n = ssl.Read(buf, 0, buf.Length);
                            if (n <= 0) return;
                            text.Append(Encoding.ASCII.GetString(buf, 0, n));
                        }
                        Received = text.ToString();
                        var req = new SipMessage();
                        byte[] rb = Encoding.ASCII.GetBytes(Received);
                        req.TryParse(rb, 0, rb.Length);
                        var w = new SipWriter(new byte[2048]);
                        w.WriteResponseHeaders(req, 200, "OK", Encoding.ASCII.GetBytes("srv"), 0, 3, false);
                        w.EndWithoutBody();
                        ssl.Write(w.Buffer, 0, w.Length);
                        ssl.Flush();
                        while (ssl.Read(buf, 0, buf.Length) > 0) { }
                    }
                    catch (Exception e)
                    {
                        Error = e;
                    }
                }) { IsBackground = true };
                _thread.Start();
            }

            public int Port { get; }

            public void Dispose()
            {
                _listener.Stop();
                _thread.Join(2000);
            }
        }

        private sealed class User : ITransactionUser
        {
            public readonly List<string> Got = new();
            public void OnRequest(ServerTransaction t, SipMessage m, long now) { }
            public void OnResponse(ClientTransaction t, SipMessage m, long now) { lock (Got) Got.Add("resp " + m.StatusCode); }
            public void OnTimeout(ClientTransaction t, long now) { lock (Got) Got.Add("timeout"); }
            public void OnTransportError(ClientTransaction t, long now) { lock (Got) Got.Add("transport error"); }
            public void OnAck(SipMessage ack, NetEndPoint from, long now) { }
            public void OnNoAck(ServerTransaction t, long now) { }
        }

        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);

        [Fact]
        public void OptionsOverTlsToAServerSignedByTheProvisionedCa()
        {
            using var ca = MakeCa("Office SIP CA");
            using var serverCert = MakeServer(ca, "sip.test");
            using var server = new TlsSipServer(serverCert);
            using var udp = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
            var transport = new SipTransport(udp, 4096, null);
            var connector = new HostStreamConnector(new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(ca.RawData) });
            var stream = new SipStreamTransport(connector, transport, 2, 4096, true, "sip.test");
            var user = new User();
            var layer = new TransactionLayer(transport, user, new SipTimers(), 4, 4096);
            transport.Attach(layer);
            var target = new NetEndPoint(Loopback, server.Port);

            Assert.True(stream.Open(target, 0), connector.LastError);
            Assert.True(transport.IsReliable(target));
            byte[] req = Encoding.ASCII.GetBytes(
                "OPTIONS sip:sip.test SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKtls1;rport\r\n" +
                "Max-Forwards: 70\r\nFrom: <sip:201@sip.test>;tag=a\r\nTo: <sip:sip.test>\r\nCall-ID: tls@h\r\n" +
                "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            Assert.NotNull(layer.SendRequest(req, 0, req.Length, target, null, 0));
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 5000 && user.Got.Count == 0)
            {
                transport.Poll(clock.ElapsedMilliseconds);
                layer.Poll(clock.ElapsedMilliseconds);
                Thread.Sleep(2);
            }
            Assert.Null(server.Error);
            Assert.StartsWith("OPTIONS sip:sip.test SIP/2.0", server.Received);
            Assert.Equal(new[] { "resp 200" }, user.Got);
            Assert.Equal(0, transport.Stats.Malformed);
            stream.CloseAll();
        }

        [Fact]
        public void AServerFromAnotherCaIsRefused()
        {
            using var ca = MakeCa("Office SIP CA");
            using var rogueCa = MakeCa("Rogue CA");
            using var serverCert = MakeServer(rogueCa, "sip.test");
            using var server = new TlsSipServer(serverCert);
            var connector = new HostStreamConnector(new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(ca.RawData) });
            Assert.Null(connector.Connect(new NetEndPoint(Loopback, server.Port), true, "sip.test"));
            Assert.Contains("chain", connector.LastError);
        }

        [Fact]
        public void AServerWithAnotherNameIsRefused()
        {
            using var ca = MakeCa("Office SIP CA");
            using var serverCert = MakeServer(ca, "other.test");
            using var server = new TlsSipServer(serverCert);
            var connector = new HostStreamConnector(new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(ca.RawData) });
            Assert.Null(connector.Connect(new NetEndPoint(Loopback, server.Port), true, "sip.test"));
            Assert.Contains("name", connector.LastError);
        }

        [Fact]
        public void WithNoTrustedCaEveryTlsServerIsRefused()
        {
            using var ca = MakeCa("Office SIP CA");
            using var serverCert = MakeServer(ca, "sip.test");
            using var server = new TlsSipServer(serverCert);
            var connector = new HostStreamConnector(new X509Certificate2Collection());
            Assert.Null(connector.Connect(new NetEndPoint(Loopback, server.Port), true, "sip.test"));
        }
    }
}
