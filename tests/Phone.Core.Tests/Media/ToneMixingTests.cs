namespace Phone.Core.Tests.Media
{
    using System;
    using Phone.Core.Dsp;
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>The Dsp tone generator plugs into the media session as its frame mixer (ringback under silence, call waiting under speech).</summary>
    public class ToneMixingTests
    {
        private sealed class RecordingPort : IAudioPort
        {
            public readonly short[] Played = new short[AudioFormat.FrameSamples * 200];
            public int Frames;

            public bool ReadFrame(short[] frame, int offset)
            {
                Array.Clear(frame, offset, AudioFormat.FrameSamples);
                return true;
            }

            public void WriteFrame(short[] frame, int offset)
            {
                if (Frames < 200) Array.Copy(frame, offset, Played, Frames * AudioFormat.FrameSamples, AudioFormat.FrameSamples);
                Frames++;
            }
        }

        private static double Power(short[] x, int start, int count, double hz)
        {
            double w = 2 * Math.PI * hz / AudioFormat.SampleRate, re = 0, im = 0;
            for (int i = 0; i < count; i++)
            {
                re += x[start + i] * Math.Cos(w * i);
                im += x[start + i] * Math.Sin(w * i);
            }
            return (re * re + im * im) / ((double)count * count);
        }

        [Fact]
        public void RingbackFromTheCountryProfileIsHeardThroughTheSession()
        {
            var a = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
            var b = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 50000);
            var link = new MemoryDatagramLink(a, b, 0, 0, 1);
            var port = new RecordingPort();
            var session = new MediaSession(port, link.A, null, new MediaSessionConfig { RemoteRtp = b }, 0);
            var tones = new ToneGenerator();
            tones.Start(CountryProfile.Us.GetTone(CallProgressTone.Ringback));
            session.Mixer = tones;

            for (long t = 0; t < 200 * 20; t += 20) session.Tick(t);

            // US ringback is 440 + 480 Hz, 2 s on then 4 s off: the first second is tone, nothing at 1 kHz.
            double p440 = Power(port.Played, 1600, 1600, 440), p480 = Power(port.Played, 1600, 1600, 480), p1000 = Power(port.Played, 1600, 1600, 1000);
            Assert.True(p440 > 1000 * p1000 && p480 > 1000 * p1000, $"440: {p440}, 480: {p480}, 1000: {p1000}");
            // …and silence in the off period (2.5 s–3.5 s: frames 125..175).
            double offPower = Power(port.Played, 130 * AudioFormat.FrameSamples, 1600, 440);
            Assert.True(offPower < p440 / 1e4, $"off-period 440 Hz power {offPower}");
        }
    }
}
