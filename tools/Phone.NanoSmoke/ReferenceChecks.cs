// Checks that the reference µ-law timing kernels are correct G.711 (known G.191 values), so their timings mean something.
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>Correctness of <see cref="ReferenceMuLaw"/> and <see cref="BareFrame"/> on the interpreter.</summary>
    public static class ReferenceChecks
    {
        /// <summary>Runs the checks.</summary>
        public static void Run()
        {
            try
            {
                Report.Equal("Ref.MuLaw encode 0", 0xFF, ReferenceMuLaw.Encode(0));
                Report.Equal("Ref.MuLaw encode 32767", 0x80, ReferenceMuLaw.Encode(32767));
                Report.Equal("Ref.MuLaw encode -32768", 0x00, ReferenceMuLaw.Encode(-32768));
                Report.Equal("Ref.MuLaw decode 0x80", 32124, ReferenceMuLaw.Expand[0x80]);
                Report.Equal("Ref.MuLaw decode 0x00", -32124, ReferenceMuLaw.Expand[0x00]);
                Report.Equal("Ref.MuLaw decode 0xFF", 0, ReferenceMuLaw.Expand[0xFF]);

                // decode then encode is the identity for every code except 0x7F ("negative zero" re-encodes as 0xFF).
                int bad = 0;
                for (int c = 0; c < 256; c++)
                {
                    if (ReferenceMuLaw.Encode(ReferenceMuLaw.Expand[c]) != c && c != 0x7F) bad++;
                }
                Report.Equal("Ref.MuLaw decode->encode identity (255 codes)", 0, bad);

                // the 16 KB table must equal the computed encoder for all 65536 inputs.
                bad = 0;
                for (int x = -32768; x < 32768; x++)
                {
                    if (ReferenceMuLaw.Direct[(x >> 2) & 0x3FFF] != ReferenceMuLaw.Encode((short)x)) bad++;
                }
                Report.Equal("Ref.MuLaw direct table == encoder (65536 inputs)", 0, bad);

                BareFrame f = new BareFrame();
                f.RunCallPerSample();
                long sum1 = Sum(f.Output);
                f.RunInlined();
                long sum2 = Sum(f.Output);
                f.RunDirectTable();
                long sum3 = Sum(f.Output);
                Report.Check("Ref.BareFrame three variants decode the same frame", sum1 == sum2 && sum2 == sum3);
                int worst = 0;
                for (int i = 0; i < BareFrame.Samples; i++)
                {
                    int d = f.Output[i] - f.Input[i];
                    if (d < 0) d = -d;
                    if (d > worst) worst = d;
                }
                // the largest µ-law step is 1024 (segment 7), so the error is at most half a step plus the bias slack.
                Report.Check("Ref.BareFrame round-trip error <= 1024 (got " + worst.ToString() + ")", worst <= 1024);
            }
            catch (Exception e)
            {
                Report.Threw("Ref.MuLaw", e);
            }
        }

        private static long Sum(short[] a)
        {
            long s = 0;
            for (int i = 0; i < a.Length; i++) s = s * 31 + a[i];
            return s;
        }
    }
}
