// A timed loop body: runs the measured operation a given number of times.
namespace Phone.NanoSmoke
{
    /// <summary>Runs the measured operation <paramref name="iterations"/> times (non-generic: nanoCLR 1.x has no generics).</summary>
    public delegate void Loop(int iterations);
}
