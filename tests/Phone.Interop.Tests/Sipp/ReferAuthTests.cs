// Our CallManager over a host UDP socket against a SIPp UAS that challenges the in-dialog REFER (RFC 3261 §22.2, RFC 3515).
namespace Phone.Interop.Tests.Sipp
{
    using System;
    using System.Diagnostics;
    using System.Security.Cryptography;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    public sealed class ReferAuthTests
    {
        private sealed class Listener : ICallListener
        {
            public void OnIncomingCall(Call call, long nowMs) { }
            public void OnCallState(Call call, long nowMs) { }
            public void OnMediaChanged(Call call, long nowMs) { }
        }

        private sealed class Rng : IRandomSource
        {
            public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        [Fact]
        public void A_refer_challenged_401_is_resent_with_credentials_sipp_verifies_them_and_the_transfer_succeeds()
        {
            using var uas = new SippProcess("uas-refer-auth.xml", 0, "-key authuser 201 -key authpass s3cret -key realm pbx.test", 30);
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var transport = new SipTransport(socket, 4096, null);
            var config = new CallConfig
            {
                User = "201", Domain = "127.0.0.1", LocalAddress = loopback, LocalSipPort = socket.LocalEndPoint.Port,
                RtpPortBase = FreePorts.Get(alsoNext: true), SessionExpires = 0,
            };
            var calls = new CallManager(config, transport, new Listener(), new SipTimers(), new System.Random(5));
            var credentials = new DigestCredentialStore(1);
            credentials.Set("pbx.test", "201", "s3cret");
            calls.Digest = new DigestClient(credentials, new Rng(), 2, 2);
            transport.Attach(calls.Layer);

            var clock = Stopwatch.StartNew();
            System.Threading.Thread.Sleep(300);   // SIPp binds its port
            Call call = calls.PlaceCall("sip:uas@127.0.0.1:" + uas.LocalPort, clock.ElapsedMilliseconds);
            Assert.NotNull(call);
            bool referred = false;
            while (clock.ElapsedMilliseconds < 25_000 && call.State != CallState.Terminated)
            {
                long now = clock.ElapsedMilliseconds;
                socket.WaitReadable(5);
                transport.Poll(now);
                calls.Poll(now);
                if (!referred && call.State == CallState.Connected)
                {
                    referred = true;
                    Assert.True(calls.Transfer(call, "sip:303@127.0.0.1", now));
                }
                if (call.Transfer.State == TransferState.Failed && call.State == CallState.Connected) calls.Hangup(call, now);
            }
            SippResult run = uas.Wait();
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.True(referred);
            Assert.Equal(TransferState.Succeeded, call.Transfer.State);
            Assert.Equal(200, call.Transfer.Status);
            Assert.Equal(CallState.Terminated, call.State);                 // our BYE after the 2xx sipfrag
            Assert.Equal(1, calls.Stats.InDialogAuthRetries);
            Assert.Equal(0, calls.Stats.InDialogAuthFailures);
        }
    }
}
