// A REGISTER whose retransmission the transport refuses fails at once as a 503 (RFC 3261 §17.1.4, §8.1.3.1) and the
// client backs off (RFC 5626 §4.5) instead of waiting for Timer F.
namespace Phone.Core.Tests.Sip.Registration
{
    using Phone.Core.Sip.Registration;

    public class RegistrationTransportErrorTests
    {
        // sends refused from → when the REGISTER fails; the next one may go 50–100 % of the 30 s back-off base later.
        public static TheoryData<long, long> Rows => new()
        {
            { 0, 0 },          // the first send
            { 1000, 1500 },    // Timer E's second retransmission (500, 1500 ms)
            { 2000, 3500 },    // the third (3500 ms)
        };

        [Theory]
        [MemberData(nameof(Rows))]
        public void ARefusedRegisterFails503AndBacksOff(long refuseFrom, long failAt)
        {
            var r = new RegistrationRig(primaryUp: false);
            r.PhoneSocket.RefuseSends = refuseFrom == 0;
            r.Start();
            if (refuseFrom > 0)
            {
                r.RunUntil(refuseFrom);
                r.PhoneSocket.RefuseSends = true;
            }
            r.RunUntil(failAt);
            r.PhoneSocket.RefuseSends = false;
            Assert.Equal(new[] { "failed 503 @" + failAt }, r.Events.ToArray());
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            int sent = r.Net.Log.Count;
            long earliest = failAt + 15000, latest = failAt + 30000;
            r.RunUntil(earliest - 1);
            Assert.Equal(sent, r.Net.Log.Count);                // nothing before the back-off
            r.RunUntil(latest);
            Assert.True(r.Net.Log.Count > sent, "a new REGISTER within the back-off window");
            Assert.Equal(RegistrationState.Registering, r.Client.State);
        }
    }
}
