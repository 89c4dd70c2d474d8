// The device's composition helpers: the ring-backed audio port and the status LED chosen from the agent's state.
namespace Phone.Core.Tests.Device
{
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Sip.Transport;

    public class DeviceAgentTests
    {
        [Fact]
        public void Ring_port_reads_captured_frames_in_order_then_silence_and_writes_to_the_play_ring()
        {
            var captured = new AudioFrameRing(2);
            var toPlay = new AudioFrameRing(1);
            var port = new RingAudioPort(captured, toPlay);
            var a = new short[AudioFormat.FrameSamples];
            var b = new short[AudioFormat.FrameSamples];
            for (int i = 0; i < a.Length; i++) { a[i] = (short)i; b[i] = (short)-i; }
            captured.TryWrite(a, 0);
            captured.TryWrite(b, 0);
            Assert.Equal(2, port.FramesWaiting);

            var got = new short[AudioFormat.FrameSamples + 4];
            Assert.True(port.ReadFrame(got, 4));
            Assert.Equal(a, got[4..]);
            Assert.True(port.ReadFrame(got, 4));
            Assert.Equal(b, got[4..]);
            Assert.False(port.ReadFrame(got, 4));
            Assert.All(got[4..], s => Assert.Equal(0, s));
            Assert.Equal(1, captured.Underruns);

            port.WriteFrame(a, 0);
            port.WriteFrame(b, 0);
            Assert.Equal(1, toPlay.Overruns);
            var played = new short[AudioFormat.FrameSamples];
            Assert.True(toPlay.TryRead(played, 0));
            Assert.Equal(a, played);
        }

        [Fact]
        public void Led_follows_ringing_indicator_and_registration()
        {
            Assert.Equal(LedPatternId.Booting, DeviceAgent.Led(null, IndicatorPattern.Off));
            Assert.Equal(LedPatternId.MessageWaiting, DeviceAgent.Led(null, IndicatorPattern.SlowBlink));

            var net = new MemoryUdpNetwork();
            uint ip = NetEndPoint.MakeAddress(10, 0, 0, 7);
            PhoneAgent Agent(AgentConfig cfg) => new PhoneAgent(cfg, new AgentPorts
            {
                Sip = net.Bind(new NetEndPoint(ip, cfg.SipPort)),
                Rtp = new IDatagramSocket[] { net.Bind(new NetEndPoint(ip, cfg.RtpPortBase)) },
                Audio = new ToneAudioPort(20, 1000),
            });

            // Local mode (no registrar): in service at once.
            PhoneAgent direct = Agent(new AgentConfig { User = "201", LocalAddress = ip, SipPort = 5070, RtpPortBase = 20000 });
            Assert.Equal(LedPatternId.On, DeviceAgent.Led(direct, IndicatorPattern.Off));
            Assert.Equal(LedPatternId.LineFastBlink, DeviceAgent.Led(direct, IndicatorPattern.FastBlink));

            // With a registrar that never answers: booting blink while registering, not "in service".
            PhoneAgent registering = Agent(new AgentConfig
            {
                User = "202", LocalAddress = ip, SipPort = 5080, RtpPortBase = 20010,
                Registrar = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5060),
            });
            registering.Start(0);
            registering.Poll(0);
            Assert.Equal(LedPatternId.Booting, DeviceAgent.Led(registering, IndicatorPattern.Off));
        }

        [Fact]
        public void Device_configuration_takes_the_account_and_the_memory_budget_sizes()
        {
            var config = new Phone.Core.Provisioning.ProvisioningConfig();
            config.Set("account.1.user", "201");
            config.Set("account.1.registrar", "192.168.1.2");
            AgentConfig agent = DeviceAgent.Configure(config, NetEndPoint.MakeAddress(192, 168, 1, 37));
            Assert.Equal("201", agent.User);
            Assert.True(agent.UsesRegistrar);
            Assert.Equal(DeviceAgent.SipPort, agent.SipPort);
            Assert.Equal(MemoryBudget.CallSlots, agent.MaxCalls);
            Assert.Equal(MemoryBudget.SipTransactions, agent.SipTransactions);
            Assert.Equal(MemoryBudget.SipMessageBuffers, agent.SipMessageBuffers);
            Assert.Equal(MemoryBudget.SipSmallMessageBuffers, agent.SipSmallMessageBuffers);
            Assert.Equal(MemoryBudget.SipMaxHeaders, agent.SipMaxHeaders);
            Assert.Equal(MemoryBudget.JitterSlots, agent.JitterSlots);
            Assert.Equal(MemoryBudget.JitterSlotBytes, agent.JitterSlotBytes);
        }
    }
}
