// Our RegistrationClient (RFC 3261 §10) over SipTransport + HostDatagramSocket against Kamailio's registrar with MD5
// digest: register, refresh before expiry, unregister.
namespace Phone.Interop.Tests.Kamailio
{
    using System;
    using System.Diagnostics;
    using System.Security.Cryptography;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    public sealed class RegistrationClientTests : IClassFixture<KamailioFixture>
    {
        private readonly KamailioProcess _kamailio;

        public RegistrationClientTests(KamailioFixture fixture) => _kamailio = fixture.Kamailio;

        [Fact]
        public void Our_client_registers_with_digest_refreshes_and_unregisters()
        {
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var transport = new SipTransport(socket, 4096, null);
            var user = new ForwardingUser();
            var layer = new TransactionLayer(transport, user, new SipTimers(), 8, 4096);
            transport.Attach(layer);
            var credentials = new DigestCredentialStore(2);
            credentials.Set(KamailioProcess.Realm, "carol", KamailioProcess.CarolPassword);
            var reg = new RegistrationClient(new RegistrationConfig
            {
                AddressOfRecord = "sip:carol@127.0.0.1:" + _kamailio.Port,
                RegistrarUri = "sip:127.0.0.1:" + _kamailio.Port,
                ContactUser = "carol",
                Targets = new[] { new NetEndPoint(loopback, _kamailio.Port) },
                LocalAddress = loopback,
                LocalPort = socket.LocalEndPoint.Port,
                Expires = 2, // Kamailio's min_expires is 1: refreshes come every 1–1.8 s
            }, layer, new DigestClient(credentials, new OsRandom(), 2, 1), new Random(7));
            user.Client = reg;
            int registered = 0, unregistered = 0, failed = 0, lastStatus = 0;
            reg.Registered += (s, code, now) => { registered++; lastStatus = code; };
            reg.Unregistered += (s, code, now) => unregistered++;
            reg.Failed += (s, code, now) => { failed++; lastStatus = code; };

            var clock = Stopwatch.StartNew();
            reg.Start(clock.ElapsedMilliseconds);
            Run(socket, transport, layer, reg, clock, () => registered >= 2 || failed > 0, 5000);

            Assert.True(failed == 0, "failed with " + lastStatus + ": " + reg.StateReason);
            Assert.True(registered >= 2, "registered " + registered + " times; state " + reg.State + " (" + reg.StateReason + ")");
            Assert.Equal(200, lastStatus);
            Assert.Equal(RegistrationState.Registered, reg.State);
            Assert.InRange(reg.GrantedExpires, 1, 2);

            reg.Unregister(clock.ElapsedMilliseconds);
            Run(socket, transport, layer, reg, clock, () => unregistered > 0 || failed > 0, 5000);
            Assert.Equal(1, unregistered);
            Assert.Equal(RegistrationState.Unregistered, reg.State);
            Assert.Equal(0, failed);
            Assert.Equal(0, transport.Stats.Malformed);
        }

        private static void Run(HostDatagramSocket socket, SipTransport transport, TransactionLayer layer, RegistrationClient reg,
            Stopwatch clock, Func<bool> done, int timeoutMs)
        {
            long end = clock.ElapsedMilliseconds + timeoutMs;
            while (!done() && clock.ElapsedMilliseconds < end)
            {
                socket.WaitReadable(10);
                long now = clock.ElapsedMilliseconds;
                transport.Poll(now);
                layer.Poll(now);
                reg.Poll(now);
            }
        }

        private sealed class OsRandom : IRandomSource
        {
            public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        private sealed class ForwardingUser : ITransactionUser
        {
            public RegistrationClient Client;

            public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
            {
            }

            public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs)
            {
                if (transaction.Owner == Client) Client.OnResponse(transaction, response, nowMs);
            }

            public void OnTimeout(ClientTransaction transaction, long nowMs)
            {
                if (transaction.Owner == Client) Client.OnTimeout(transaction, nowMs);
            }

            public void OnTransportError(ClientTransaction transaction, long nowMs)
            {
                if (transaction.Owner == Client) Client.OnTransportError(transaction, nowMs);
            }

            public void OnAck(SipMessage ack, NetEndPoint from, long nowMs)
            {
            }

            public void OnNoAck(ServerTransaction transaction, long nowMs)
            {
            }
        }
    }
}
