namespace Phone.Core.Tests.Dsp
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Dsp;

    public class CallerIdTests
    {
        [Fact]
        public void MdmfLayoutMatchesGr30Example()
        {
            // GR-30-CORE style example: March 15 10:30, number 6145551212, name "DOE JOHN".
            var buf = new byte[64];
            int n = CallerIdMessage.BuildMdmf(buf, 3, 3, 15, 10, 30, "6145551212", 'O', "DOE JOHN", 'O');
            var expected = new List<byte> { 0x80, 0x20, 0x01, 0x08 };
            expected.AddRange(Encoding.ASCII.GetBytes("03151030"));
            expected.AddRange(new byte[] { 0x02, 0x0A });
            expected.AddRange(Encoding.ASCII.GetBytes("6145551212"));
            expected.AddRange(new byte[] { 0x07, 0x08 });
            expected.AddRange(Encoding.ASCII.GetBytes("DOE JOHN"));
            int sum = 0;
            foreach (byte b in expected)
            {
                sum += b;
            }

            expected.Add((byte)((0x100 - (sum % 256)) % 256));
            Assert.Equal(expected.Count, n);
            Assert.Equal(expected.ToArray(), buf.AsSpan(3, n).ToArray());
            Assert.Equal(0x20, 10 + 12 + 10);
            Assert.True(CallerIdMessage.IsValid(buf, 3, n));
            buf[10] ^= 1;
            Assert.False(CallerIdMessage.IsValid(buf, 3, n));
        }

        [Fact]
        public void AbsenceReasonsUseParameters4And8()
        {
            var buf = new byte[32];
            int n = CallerIdMessage.BuildMdmf(buf, 0, -1, -1, -1, -1, null, CallerIdMessage.Private, string.Empty, CallerIdMessage.Unavailable);
            Assert.Equal(new byte[] { 0x80, 0x06, 0x04, 0x01, (byte)'P', 0x08, 0x01, (byte)'O', 0x00 }.AsSpan(0, 8).ToArray(), buf.AsSpan(0, 8).ToArray());
            Assert.Equal(9, n);
            Assert.Equal(0, (buf.AsSpan(0, n).ToArray().Sum() & 0xFF));
            Assert.Equal(-1, CallerIdMessage.BuildMdmf(new byte[8], 0, 1, 1, 1, 1, "123", 'O', "X", 'O'));
        }

        public static TheoryData<int, string, string, bool> Bursts() => new TheoryData<int, string, string, bool>
        {
            { (int)FskModem.Bell202, "6145551212", "DOE JOHN", false },
            { (int)FskModem.Bell202, null, "O'NEIL ANNE", false },
            { (int)FskModem.V23, "+4930123456789", "Müller", false },
            { (int)FskModem.V23, "0201234567", "BT TEST", true },
            { (int)FskModem.V23, null, null, true },
        };

        [Theory]
        [MemberData(nameof(Bursts))]
        public void IndependentDemodulatorRecoversTheMessage(int modem, string number, string name, bool alert)
        {
            var msg = new byte[CallerIdMessage.MaxBytes];
            int len = CallerIdMessage.BuildMdmf(msg, 0, 11, 25, 18, 5, number, 'P', name, 'O');
            var gen = new CallerIdGenerator();
            Assert.True(gen.Start((FskModem)modem, msg, 0, len, alert));
            int total = gen.TotalSamples;
            var pcm = new short[total + 400];
            int pos = 0;
            while (gen.IsActive)
            {
                pos += gen.Fill(pcm, pos, Math.Min(160, pcm.Length - pos));
            }

            Assert.Equal(total, pos);
            int markBits = alert ? 80 : 180;
            int bits = 300 + markBits + (10 * len);
            Assert.InRange(total - (alert ? 1600 : 0), (bits * 8000 / 1200) - 1, (bits * 8000 / 1200) + 1);

            double markHz = modem == (int)FskModem.Bell202 ? 1200 : 1300;
            double spaceHz = modem == (int)FskModem.Bell202 ? 2200 : 2100;
            int fskStart = alert ? 1600 : 0;
            if (alert)
            {
                // DT-AS: 100 ms of 2130 + 2750 Hz, then 100 ms of silence.
                Assert.True(TestSignals.Amplitude(pcm, 0, 800, 2130) > 2000);
                Assert.True(TestSignals.Amplitude(pcm, 0, 800, 2750) > 2000);
                Assert.Equal(0, TestSignals.Rms(pcm, 800, 800));
            }

            // Level: -13 dBm0 FSK.
            Assert.InRange(TestSignals.Rms(pcm, fskStart + 2000, 1000) * Math.Sqrt(2), TestSignals.PeakForDbm0(-14), TestSignals.PeakForDbm0(-12));

            byte[] decoded = FskTestDemodulator.Decode(pcm, fskStart, markHz, spaceHz, out int seizureTransitions, out int markRun);
            Assert.Equal(msg.AsSpan(0, len).ToArray(), decoded);
            Assert.InRange(seizureTransitions, 290, 300);
            Assert.InRange(markRun, markBits - 2, markBits + 2);
        }

        [Fact]
        public void CountryMethodPicksModemAndAlert()
        {
            var msg = new byte[CallerIdMessage.MaxBytes];
            int len = CallerIdMessage.BuildMdmf(msg, 0, 1, 2, 3, 4, "12345", 'O', "AB", 'O');
            var gen = new CallerIdGenerator();
            Assert.True(gen.Start(CountryProfile.Us.CallerId, msg, 0, len));
            var us = new short[gen.TotalSamples + 400]; // the test receiver wants idle line after the last stop bit
            gen.Render(us, 0);
            Assert.Equal(msg.AsSpan(0, len).ToArray(), FskTestDemodulator.Decode(us, 0, 1200, 2200, out _, out _));

            Assert.True(gen.Start(CountryProfile.Uk.CallerId, msg, 0, len));
            var uk = new short[gen.TotalSamples + 400];
            gen.Render(uk, 0);
            Assert.True(TestSignals.Amplitude(uk, 0, 800, 2130) > 2000);
            Assert.Equal(msg.AsSpan(0, len).ToArray(), FskTestDemodulator.Decode(uk, 1600, 1300, 2100, out _, out int mark));
            Assert.InRange(mark, 78, 82);

            Assert.False(gen.Start(CallerIdMethod.DtmfBeforeRing, msg, 0, len));
            Assert.False(gen.IsActive);
        }

        [Fact]
        public void FskIsPhaseContinuous()
        {
            var msg = new byte[CallerIdMessage.MaxBytes];
            int len = CallerIdMessage.BuildMdmf(msg, 0, 1, 2, 3, 4, "12345", 'O', "AB", 'O');
            var gen = new CallerIdGenerator();
            gen.Start(FskModem.Bell202, msg, 0, len, false);
            var pcm = new short[gen.TotalSamples];
            gen.Render(pcm, 0);

            // A phase-continuous FSK at 2200 Hz max changes by at most 2*pi*2200/8000 per sample:
            // |x[n] - x[n-1]| <= A * 2 sin(pi*2200/8000) ~ 1.52 A.
            double a = TestSignals.PeakForDbm0(-13);
            for (int i = 1; i < pcm.Length; i++)
            {
                Assert.True(Math.Abs(pcm[i] - pcm[i - 1]) <= (1.53 * a) + 2, $"jump at {i}");
            }
        }

        [Theory]
        [InlineData("0201234567", 'A', 'O', "A0201234567C")]
        [InlineData("5551234", 'D', 'O', "D5551234C")]
        [InlineData(null, 'A', 'P', "B10C")]
        [InlineData("", 'A', 'O', "B00C")]
        public void DtmfCallerIdIsDetectedAsTheExpectedString(string number, char start, char reason, string expected)
        {
            var gen = new DtmfCallerIdGenerator();
            Assert.True(gen.Start(number, start, reason));
            Assert.Equal(expected, gen.Digits);
            var pcm = new short[gen.TotalSamples + 800];
            int pos = 0;
            while (gen.IsActive)
            {
                pos += gen.Fill(pcm, pos, 160);
            }

            Assert.Equal(gen.TotalSamples, pos);
            Assert.Equal(expected, DtmfTests.Detect(pcm, 160));
        }

        [Fact]
        public void DtmfCallerIdRejectsNonDigits()
        {
            Assert.False(new DtmfCallerIdGenerator().Start("12a4", 'A', 'O'));
        }

        [Fact]
        public void FillAllocatesNothing()
        {
            var msg = new byte[CallerIdMessage.MaxBytes];
            int len = CallerIdMessage.BuildMdmf(msg, 0, 1, 2, 3, 4, "12345", 'O', "AB", 'O');
            var gen = new CallerIdGenerator();
            var frame = new short[160];
            gen.Start(FskModem.V23, msg, 0, len, true);
            gen.Fill(frame, 0, 160);
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (gen.IsActive)
            {
                gen.Fill(frame, 0, 160);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    internal static class SumExtensions
    {
        public static int Sum(this byte[] bytes)
        {
            int s = 0;
            foreach (byte b in bytes)
            {
                s += b;
            }

            return s;
        }
    }
}
