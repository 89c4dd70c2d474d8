// RegistrationClient and the scripted registrar over real UDP sockets on 127.0.0.1 (host adapter), real time.
namespace Phone.Core.Tests.Sip.Registration
{
    using System.Diagnostics;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;

    public class RegistrationOverRealUdpTests
    {
        [Fact]
        public void RegistersAndUnregistersOverLoopbackUdp()
        {
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var registrarSocket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            using var phoneSocket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var registrar = new ScriptedRegistrar(registrarSocket);
            var transport = new SipTransport(phoneSocket, 4096, null);
            var user = new ForwardingUser();
            var layer = new TransactionLayer(transport, user, new SipTimers(), 4, 4096);
            transport.Attach(layer);
            var credentials = new DigestCredentialStore(1);
            credentials.Set(ScriptedRegistrar.Realm, ScriptedRegistrar.User, ScriptedRegistrar.Password);
            var config = new RegistrationConfig
            {
                AddressOfRecord = "sip:201@pbx.example.com",
                RegistrarUri = "sip:pbx.example.com",
                ContactUser = "201",
                Targets = new[] { registrarSocket.LocalEndPoint },
                LocalAddress = loopback,
                LocalPort = phoneSocket.LocalEndPoint.Port,
                Expires = 600,
            };
            var client = new RegistrationClient(config, layer, new DigestClient(credentials, new FixedRandom(), 1, 1), new System.Random(3));
            user.Client = client;
            int registered = 0, unregistered = 0;
            client.Registered += (c, code, t) => registered++;
            client.Unregistered += (c, code, t) => unregistered++;

            var clock = Stopwatch.StartNew();
            client.Start(0);
            bool unregisterSent = false;
            while (clock.ElapsedMilliseconds < 5000 && unregistered == 0)
            {
                long now = clock.ElapsedMilliseconds;
                phoneSocket.WaitReadable(5);
                transport.Poll(now);
                registrar.Transport.Poll(now);
                layer.Poll(now);
                registrar.Layer.Poll(now);
                client.Poll(now);
                if (registered == 1 && !unregisterSent)
                {
                    unregisterSent = true;
                    client.Unregister(now);
                }
            }
            Assert.Equal(1, registered);
            Assert.Equal(1, unregistered);
            Assert.Equal(new[] { 401, 200, 200 }, registrar.Answers);
            Assert.Equal(0, registrar.Requests[2].Expires);
            Assert.Equal(RegistrationState.Unregistered, client.State);
            // Loopback: the registrar saw our own address, so no Contact change was needed.
            Assert.Equal("sip:201@127.0.0.1:" + phoneSocket.LocalEndPoint.Port, client.Contact);
        }
    }
}
