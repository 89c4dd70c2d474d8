namespace Phone.Core.Tests.Dns
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Dns;

    public class DnsMessageTests
    {
        [Fact]
        public void QueryHasRfc1035Layout()
        {
            var buffer = new byte[512];
            int n = DnsQueryWriter.Write(buffer, 0, buffer.Length, 0xBEEF, "_sip._udp.example.com", DnsType.Srv);
            byte[] expected =
            {
                0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                4, (byte)'_', (byte)'s', (byte)'i', (byte)'p', 4, (byte)'_', (byte)'u', (byte)'d', (byte)'p',
                7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0,
                0, 33, 0, 1,
            };
            Assert.Equal(expected, buffer[..n]);
            Assert.Equal(("_sip._udp.example.com", 33), (DnsWire.ParseQuery(buffer).Name, DnsWire.ParseQuery(buffer).Type));
        }

        [Theory]
        [InlineData("")]
        [InlineData("a..b")]
        [InlineData(".a")]
        [InlineData("bad name.com")]
        [InlineData("ünicode.com")]
        public void InvalidNamesAreRefused(string name)
            => Assert.Equal(-1, DnsQueryWriter.Write(new byte[512], 0, 512, 1, name, DnsType.A));

        [Fact]
        public void LabelLongerThan63IsRefused()
            => Assert.Equal(-1, DnsQueryWriter.Write(new byte[512], 0, 512, 1, new string('a', 64) + ".com", DnsType.A));

        [Fact]
        public void ReadsSrvWithCompressedNamesAndAdditionalAddresses()
        {
            byte[] message = DnsWire.Response(7, "_sip._udp.example.com", 33, 0, false,
                new List<(string, int, int, object)>
                {
                    ("_sip._udp.example.com", 33, 300, (10, 60, 5060, "pbx1.example.com")),
                    ("_sip._udp.example.com", 33, 120, (20, 0, 5070, "pbx2.example.com")),
                },
                new List<(string, int, int, object)> { ("pbx1.example.com", 1, 30, new byte[] { 10, 0, 0, 1 }) });
            var answer = new DnsAnswer();
            Assert.Equal(DnsReadResult.Ok, new DnsResponseReader().Read(message, 0, message.Length, 7, answer));
            Assert.Equal(2, answer.SrvCount);
            Assert.Equal((10, 60, 5060, "pbx1.example.com", 300), (answer.Srv[0].Priority, answer.Srv[0].Weight, answer.Srv[0].Port, answer.Srv[0].Target, answer.Srv[0].TtlSeconds));
            Assert.Equal((20, 0, 5070, "pbx2.example.com", 120), (answer.Srv[1].Priority, answer.Srv[1].Weight, answer.Srv[1].Port, answer.Srv[1].Target, answer.Srv[1].TtlSeconds));
            Assert.Equal(0x0A000001u, answer.FindAddress("PBX1.example.com.", out int ttl));
            Assert.Equal(30, ttl);
            Assert.Equal(0u, answer.FindAddress("pbx2.example.com", out _));
        }

        [Fact]
        public void WrongIdIsNotAnAnswer()
        {
            byte[] message = DnsWire.Response(7, "x.com", 1, 0, false, new List<(string, int, int, object)>(), new List<(string, int, int, object)>());
            Assert.Equal(DnsReadResult.WrongId, new DnsResponseReader().Read(message, 0, message.Length, 8, new DnsAnswer()));
        }

        [Fact]
        public void TruncatedFlagIsReported()
        {
            byte[] message = DnsWire.Response(7, "x.com", 1, 0, true, new List<(string, int, int, object)>(), new List<(string, int, int, object)>());
            Assert.Equal(DnsReadResult.Truncated, new DnsResponseReader().Read(message, 0, message.Length, 7, new DnsAnswer()));
        }

        public static TheoryData<string, byte[]> MalformedResponses()
        {
            byte[] header = { 0, 7, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0 };
            byte[] Concat(params byte[][] parts)
            {
                var all = new List<byte>();
                foreach (var p in parts) all.AddRange(p);
                return all.ToArray();
            }
            return new TheoryData<string, byte[]>
            {
                { "shorter than a header", new byte[] { 0, 7, 0x81, 0x80, 0, 0 } },
                { "query, not response", Concat(new byte[] { 0, 7, 0x01, 0x00 }, new byte[8]) },
                { "answer count past the end", header },
                { "pointer loop", Concat(header, new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4 }) },
                { "pointer past the end", Concat(header, new byte[] { 0xC0, 200, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4 }) },
                { "rdlength past the end", Concat(header, new byte[] { 1, (byte)'a', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 40, 1, 2, 3, 4 }) },
                { "A record of 3 bytes", Concat(header, new byte[] { 1, (byte)'a', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 1, 2, 3 }) },
                { "label past the end", Concat(header, new byte[] { 9, (byte)'a', (byte)'b' }) },
                { "extended label type", Concat(header, new byte[] { 0x41, (byte)'a', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4 }) },
                { "SRV rdata too short", Concat(header, new byte[] { 1, (byte)'a', 0, 0, 33, 0, 1, 0, 0, 0, 60, 0, 4, 0, 1, 0, 1 }) },
            };
        }

        [Theory]
        [MemberData(nameof(MalformedResponses))]
        public void MalformedResponsesAreRejectedWithoutThrowing(string why, byte[] message)
        {
            Assert.True(new DnsResponseReader().Read(message, 0, message.Length, 7, new DnsAnswer()) == DnsReadResult.Malformed, why);
        }

        [Fact]
        public void RandomBytesNeverThrow()
        {
            var random = new Random(1);
            var reader = new DnsResponseReader();
            var answer = new DnsAnswer();
            byte[] valid = DnsWire.Response(7, "_sip._udp.example.com", 33, 0, false,
                new List<(string, int, int, object)> { ("_sip._udp.example.com", 33, 300, (10, 60, 5060, "pbx1.example.com")) },
                new List<(string, int, int, object)> { ("pbx1.example.com", 1, 30, new byte[] { 10, 0, 0, 1 }) });
            for (int i = 0; i < 20000; i++)
            {
                byte[] m = (byte[])valid.Clone();
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++) m[random.Next(m.Length)] = (byte)random.Next(256);
                int length = random.Next(m.Length + 1);
                reader.Read(m, 0, length, (m[0] << 8) | m[1], answer); // must not throw
            }
        }
    }
}
