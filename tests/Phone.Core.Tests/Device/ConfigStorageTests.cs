// AgentConfig, CallConfig and RegistrationConfig keep their numbers, switches and end points in one int array (a field is a 12-byte block on nanoCLR).
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Linq;
    using System.Reflection;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class ConfigStorageTests
    {
        private static readonly Assembly Core = typeof(AgentConfig).Assembly;

        private static PropertyInfo[] Packed(Type t)
            => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && p.DeclaringType == t
                    && (p.PropertyType == typeof(int) || p.PropertyType == typeof(uint) || p.PropertyType == typeof(bool) || p.PropertyType == typeof(NetEndPoint)))
                .ToArray();

        // A value for member i that no other member gets, with the address's high bit set for the uint and end points.
        private static object ValueFor(Type type, int i, bool flip)
        {
            if (type == typeof(int)) return 7000 + i;
            if (type == typeof(uint)) return 0xC0A80000u + (uint)i;
            if (type == typeof(NetEndPoint)) return new NetEndPoint(0xF0000000u + (uint)i, 40000 + i);
            return flip;
        }

        [Theory]
        [InlineData(typeof(AgentConfig), 26)]
        [InlineData(typeof(CallConfig), 18)]
        [InlineData(typeof(Phone.Core.Sip.Registration.RegistrationConfig), 6)]
        public void Each_setting_has_a_slot_of_its_own(Type t, int members)
        {
            PropertyInfo[] packed = Packed(t);
            Assert.Equal(members, packed.Length);
            // Twice, with the switches flipped between the rounds: each bool must move alone, whatever its default.
            foreach (bool flip in new[] { true, false })
            {
                object config = Activator.CreateInstance(t);
                for (int i = 0; i < packed.Length; i++) packed[i].SetValue(config, ValueFor(packed[i].PropertyType, i, flip ^ (i % 2 == 0)));
                for (int i = 0; i < packed.Length; i++)
                {
                    Assert.True(ValueFor(packed[i].PropertyType, i, flip ^ (i % 2 == 0)).Equals(packed[i].GetValue(config)), t.Name + "." + packed[i].Name);
                }
            }
        }

        [Fact]
        public void A_new_agent_configuration_has_the_documented_defaults()
        {
            var c = new AgentConfig();
            Assert.Equal(5060, c.RegistrarPort);
            Assert.Equal(5060, c.SipPort);
            Assert.Equal(16384, c.RtpPortBase);
            Assert.Equal(101, c.DtmfPayloadType);
            Assert.Equal(120, c.DtmfDurationMs);
            Assert.Equal(3600, c.Expires);
            Assert.Equal(2, c.MaxCalls);
            Assert.Equal(4096, c.SipMessageBytes);
            Assert.Equal(32, c.JitterSlots);
            Assert.Equal(240, c.JitterSlotBytes);
            Assert.Equal(0, c.SipMaxHeaders + c.SipTransactions + c.SipMessageBuffers + c.LocalCallRecords + c.RtpDatagramBytes + c.SdpMediaLines);
            Assert.Equal(0u, c.LocalAddress);
            Assert.True(c.LocalMode);
            Assert.True(c.AcceptCallsOnlyFromPbx);
            Assert.False(c.RegistrarPortGiven);
            Assert.True(c.Registrar.IsEmpty && c.DnsServer.IsEmpty && c.BackupRegistrar.IsEmpty && c.OutboundProxy.IsEmpty && c.EmergencyRoute.IsEmpty);
            Assert.False(c.UsesRegistrar);
            c.Registrar = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 1), 5060);
            Assert.True(c.UsesRegistrar);
            Assert.Equal("192.168.1.1:5060", c.Registrar.ToString());
        }

        [Fact]
        public void A_new_call_configuration_has_the_documented_defaults()
        {
            var c = new CallConfig();
            Assert.Equal(5060, c.LocalSipPort);
            Assert.Equal(16384, c.RtpPortBase);
            Assert.Equal(101, c.TelephoneEventPayloadType);
            Assert.Equal(20, c.Ptime);
            Assert.Equal(2, c.MaxCalls);
            Assert.Equal(1800, c.SessionExpires);
            Assert.Equal(90, c.MinSE);
            Assert.Equal(0, c.TransactionCapacity + c.SipMaxHeaders + c.MessageBuffers + c.SdpMediaLines);
            Assert.Equal(0u, c.LocalAddress);
            Assert.True(c.CallWaiting);
            Assert.True(c.RefreshWithUpdate);
            Assert.False(c.ReliableProvisionalWhenSupported);
            Assert.False(c.DelayedOffer);
            Assert.True(c.OutboundProxy.IsEmpty);
        }

        [Fact]
        public void A_new_registration_configuration_has_the_documented_defaults()
        {
            var c = new Phone.Core.Sip.Registration.RegistrationConfig();
            Assert.Equal(0u, c.LocalAddress);
            Assert.Equal(5060, c.LocalPort);
            Assert.Equal(3600, c.Expires);
            Assert.Equal(30, c.BackoffBaseSeconds);
            Assert.Equal(1800, c.BackoffMaxSeconds);
            Assert.True(c.LearnPublicAddress);
            Assert.Equal("UDP", c.Transport);
        }

        [Fact]
        public void On_nanoCLR_the_configurations_are_an_array_not_a_block_per_setting()
        {
            var model = new NanoHeapModel(Core);
            // AgentConfig: 14 references and the array field (15 blocks + header) and 28 slots (20 + 112 B); the strings,
            // codec list, directory and emergency numbers it points to are counted apart. It was 660 B with them apart too.
            var agent = new AgentConfig { User = null, Domain = null, Country = null, UserAgent = null, Codecs = null, Directory = null, EmergencyNumbers = null };
            Assert.Equal(12 + 15 * 12 + 132, model.Add(agent));
            // CallConfig: 5 references and the array field, 15 slots (20 + 60 B). It was 312 B.
            var call = new CallConfig { User = null, Domain = null, UserAgent = null, Codecs = null };
            Assert.Equal(12 + 6 * 12 + 84, model.Add(call));
            // RegistrationConfig: 6 references and the array field, 6 slots (20 + 24 B). It was 156 B.
            var registration = new Phone.Core.Sip.Registration.RegistrationConfig { Transport = null };
            Assert.Equal(12 + 7 * 12 + 48, model.Add(registration));
        }
    }
}
