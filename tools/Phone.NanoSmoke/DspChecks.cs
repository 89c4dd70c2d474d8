// Self-checks of Phone.Core.Dsp on nanoCLR: the US dial tone (350+440 Hz, E.180 Suppl. 2) fills a frame with signal.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Dsp;

    /// <summary>Tone generation runs on the interpreter and produces a non-silent, non-clipping frame.</summary>
    public static class DspChecks
    {
        /// <summary>Runs the checks.</summary>
        public static void Run()
        {
            try
            {
                ToneGenerator g = new ToneGenerator();
                g.Start(CountryProfile.Us.Dial);
                short[] frame = new short[160];
                g.Fill(frame, 0, frame.Length);
                int peak = 0;
                for (int i = 0; i < frame.Length; i++)
                {
                    int v = frame[i] < 0 ? -frame[i] : frame[i];
                    if (v > peak) peak = v;
                }
                Report.Check("Dsp.ToneGenerator US dial tone peak in (1000, 32767) (got " + peak.ToString() + ")", peak > 1000 && peak < 32767);
            }
            catch (Exception e)
            {
                Report.Threw("Dsp", e);
            }
        }
    }
}
