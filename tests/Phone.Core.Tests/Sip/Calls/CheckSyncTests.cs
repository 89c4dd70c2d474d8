// SIP NOTIFY check-sync from the PBX handed to provisioning (Polycom/Yealink "check-sync", Cisco "resync"), only
// from the PBX, rate-limited once a minute by ProvisioningClient; unknown events 489 (RFC 6665 §8.3.2).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Provisioning;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Tests.Provisioning;

    public class CheckSyncTests
    {
        private readonly TwoPhoneNet _net = new TwoPhoneNet();
        private readonly TwoPhoneNet.Ua _pbx;
        private readonly TwoPhoneNet.Ua _phone;
        private readonly TwoPhoneNet.Ua _stranger;
        private readonly List<bool> _reboots = new List<bool>();
        private int _branch;

        public CheckSyncTests()
        {
            _pbx = _net.Add(9);
            _phone = _net.Add(1, c => c.OutboundProxy = _pbx.EndPoint);
            _stranger = _net.Add(7);
            _phone.Manager.CheckSync = (reboot, now) => _reboots.Add(reboot);
        }

        private void Notify(TwoPhoneNet.Ua from, string eventValue, string toTag = null)
        {
            _branch++;
            string raw = "NOTIFY " + _phone.Uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + Phone.Core.Net.NetEndPoint.AddressToString(from.EndPoint.Address) + ":5060;branch=z9hG4bKcs" + _branch + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:pbx@pbx.test>;tag=p" + _branch + "\r\nTo: <" + _phone.Uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: cs" + _branch + "@pbx\r\nCSeq: 1 NOTIFY\r\n"
                + (eventValue == null ? "" : "Event: " + eventValue + "\r\n") + "Subscription-State: terminated\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.ASCII.GetBytes(raw);
            Assert.NotNull(from.Manager.Layer.SendRequest(bytes, 0, bytes.Length, _phone.EndPoint, null, _net.Now));
            _net.Pump();
        }

        private int Responses(TwoPhoneNet.Ua to, string status) => _net.Log.FindAll(l => l.StartsWith(to.Name + " <- SIP/2.0 " + status)).Count;

        [Theory]
        [InlineData("check-sync", false)]
        [InlineData("check-sync;reboot=false", false)]
        [InlineData("check-sync;reboot=true", true)]
        [InlineData("resync", false)]
        [InlineData("Check-Sync", false)]
        public void Check_sync_from_the_pbx_is_answered_200_and_handed_on(string eventValue, bool reboot)
        {
            Notify(_pbx, eventValue);
            Assert.Equal(1, Responses(_pbx, "200 OK"));
            Assert.Equal(new[] { reboot }, _reboots);
            Assert.Equal(1, _phone.Manager.TransferStats.CheckSyncs);
        }

        [Fact]
        public void Check_sync_from_anyone_else_is_403_and_not_handed_on()
        {
            Notify(_stranger, "check-sync");
            Assert.Equal(1, Responses(_stranger, "403"));
            Assert.Empty(_reboots);
            Assert.Equal(1, _phone.Manager.TransferStats.CheckSyncsRefused);
        }

        [Theory]
        [InlineData("presence")]
        [InlineData("message-summary")]
        [InlineData(null)]
        public void Unknown_or_missing_event_is_489_with_allow_events(string eventValue)
        {
            var wire = new List<string>();
            _net.Drop = (m, f, t) =>
            {
                wire.Add(m);
                return false;
            };
            Notify(_pbx, eventValue);
            Assert.Equal(1, Responses(_pbx, "489 Bad Event"));
            Assert.Contains(wire, m => m.StartsWith("SIP/2.0 489") && m.Contains("\r\nAllow-Events: refer, check-sync\r\n"));
            Assert.Empty(_reboots);
        }

        [Fact]
        public void In_dialog_notify_for_another_event_is_489_and_for_no_dialog_481()
        {
            Notify(_pbx, "refer", "nosuchtag");
            Assert.Equal(1, Responses(_pbx, "481"));

            var caller = _net.Add(3);
            var callee = _net.Add(2);
            Call call = caller.Manager.PlaceCall(callee.Uri, _net.Now);
            _net.Pump();
            callee.Manager.Answer(callee.Incoming, _net.Now);
            _net.Pump();
            Assert.Equal(CallState.Connected, call.State);

            // A NOTIFY in the call's dialog, but for an event we never subscribed to.
            string raw = "NOTIFY " + caller.Uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKdn1\r\nMax-Forwards: 70\r\n"
                + "From: " + call.Dialog.RemoteHeader + "\r\nTo: " + call.Dialog.LocalHeader + "\r\nCall-ID: " + call.Dialog.CallId + "\r\n"
                + "CSeq: 7 NOTIFY\r\nEvent: dialog\r\nSubscription-State: active\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.ASCII.GetBytes(raw);
            callee.Manager.Layer.SendRequest(bytes, 0, bytes.Length, caller.EndPoint, null, _net.Now);
            _net.Pump();
            Assert.Equal(1, Responses(callee, "489"));

            // Event: refer without a REFER of ours in that dialog: no such subscription (RFC 6665 §4.1.3).
            bytes = Encoding.ASCII.GetBytes(raw.Replace("dn1", "dn2").Replace("CSeq: 7", "CSeq: 8").Replace("Event: dialog", "Event: refer"));
            callee.Manager.Layer.SendRequest(bytes, 0, bytes.Length, caller.EndPoint, null, _net.Now);
            _net.Pump();
            Assert.Equal(1, Responses(callee, "481"));
            Assert.Equal(CallState.Connected, call.State);
        }

        [Fact]
        public void Check_sync_drives_a_provisioning_attempt_at_most_once_a_minute()
        {
            var fetcher = new FakeHttpsFetcher();
            fetcher.Put(ProvisioningClientTests.CommonUrl, ProvisioningClientTests.CommonText);
            fetcher.Put(ProvisioningClientTests.DeviceUrl, ProvisioningClientTests.DeviceText);
            var prov = new ProvisioningClient(fetcher, new FaultInjectingStore(), new CapturingLog(), 1, ProvisioningClientTests.Mac, ProvisioningClientTests.Base);
            void Settle(long now)
            {
                prov.Poll(now);
                for (int i = 0; i < 50 && prov.IsBusy; i++) prov.Poll(now);
            }
            Settle(_net.Now);
            int boot = prov.Stats.Attempts;
            // The composition's wiring: the call layer's event goes to the rate-limited provisioning entry point.
            _phone.Manager.CheckSync = (reboot, now) => prov.TryRequestResync("SIP check-sync", now);

            _net.Now = 10_000;
            Notify(_pbx, "check-sync");
            Settle(_net.Now);
            Assert.Equal(boot + 1, prov.Stats.Attempts);

            _net.Now = 69_999;                                 // a minute has not passed: answered 200, not fetched
            Notify(_pbx, "check-sync");
            Settle(_net.Now);
            Assert.Equal(boot + 1, prov.Stats.Attempts);
            Assert.Equal(1, prov.Stats.ResyncsRateLimited);

            _net.Now = 70_000;
            Notify(_pbx, "check-sync;reboot=false");
            Settle(_net.Now);
            Assert.Equal(boot + 2, prov.Stats.Attempts);
            Assert.Equal(3, Responses(_pbx, "200 OK"));
        }
    }
}
