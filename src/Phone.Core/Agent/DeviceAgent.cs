// The agent as the ESP32 firmware builds it: provisioned settings sized to the device's heap budget (MemoryBudget).
namespace Phone.Core.Agent
{
    using Phone.Core.Device;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Sip.Registration;

    /// <summary>
    /// One place for the device's composition choices, so that the firmware entry point and the host test that
    /// measures the firmware's heap (tests/Phone.Core.Tests/Device) build exactly the same agent.
    /// </summary>
    public static class DeviceAgent
    {
        /// <summary>The device's SIP port.</summary>
        public const int SipPort = 5060;

        /// <summary>RTP port of call slot 0 (slot n: base + 2n, RTCP on the odd port above).</summary>
        public const int RtpPortBase = 16384;

        /// <summary>
        /// The agent configuration of account 1 of <paramref name="config"/> at <paramref name="localAddress"/>, with the
        /// device's table sizes: call slots, SIP transactions and message size, jitter buffer slots.
        /// </summary>
        public static AgentConfig Configure(ProvisioningConfig config, uint localAddress)
        {
            AgentConfig agent = AgentConfig.FromConfig(config, 1, localAddress, SipPort, RtpPortBase);
            agent.MaxCalls = MemoryBudget.CallSlots;
            agent.SipTransactions = MemoryBudget.SipTransactions;
            agent.SipMessageBuffers = MemoryBudget.SipMessageBuffers;
            agent.SipSmallMessageBuffers = MemoryBudget.SipSmallMessageBuffers;
            agent.SipMessageBytes = MemoryBudget.SipMessageBufferBytes;
            agent.SipMaxHeaders = MemoryBudget.SipMaxHeaders;
            agent.SdpMediaLines = MemoryBudget.SdpMediaLines;
            agent.LocalCallRecords = MemoryBudget.LocalCallRecords;
            agent.RtpDatagramBytes = MemoryBudget.RtpDatagramBytes;
            agent.JitterSlots = MemoryBudget.JitterSlots;
            agent.JitterSlotBytes = MemoryBudget.JitterSlotBytes;
            return agent;
        }

        /// <summary>
        /// The status LED for the agent's state: ringing first, then a line indicator (message waiting), then the
        /// service state: registered (or local mode without a registrar) steady on, registering the booting blink,
        /// a registration waiting to retry the service-fault pattern.
        /// </summary>
        public static LedPatternId Led(PhoneAgent agent, IndicatorPattern indicator)
        {
            if (agent == null) return indicator != IndicatorPattern.Off ? LedPattern.ForIndicator(indicator) : LedPatternId.Booting;
            if (agent.Ringing) return LedPatternId.Ringing;
            if (indicator != IndicatorPattern.Off) return LedPattern.ForIndicator(indicator);
            if (!agent.Config.UsesRegistrar) return LedPatternId.On;
            switch (agent.RegistrationState)
            {
                case RegistrationState.Registered:
                case RegistrationState.Refreshing:
                    return LedPatternId.On;
                case RegistrationState.WaitingRetry:
                    return LedPatternId.ServiceFault;
                default:
                    return LedPatternId.Booting;
            }
        }
    }
}
