// Coverage-less byte mutator (AFL havoc style): deterministic from a seed, so a failing input is reproducible.
namespace Phone.Fuzz.Tests
{
    using System;

    /// <summary>Produces mutated copies of seed inputs.</summary>
    public sealed class Mutator
    {
        // Bytes that sit on parser decisions: delimiters, line ends, quotes, sign/overflow edges.
        private static readonly byte[] Interesting =
        {
            0, 1, 0x7F, 0x80, 0xFF, (byte)'\r', (byte)'\n', (byte)' ', (byte)'\t', (byte)':', (byte)';', (byte)',',
            (byte)'"', (byte)'\\', (byte)'=', (byte)'<', (byte)'>', (byte)'%', (byte)'0', (byte)'9', 0xC0, 0x3F,
        };

        private readonly Random _random;

        /// <summary>Creates a mutator with a fixed seed.</summary>
        public Mutator(int seed) => _random = new Random(seed);

        /// <summary>Returns a mutation of <paramref name="input"/>, sometimes spliced with <paramref name="other"/>.</summary>
        public byte[] Mutate(byte[] input, byte[] other, int maxLength)
        {
            byte[] data = (byte[])input.Clone();
            int rounds = 1 << _random.Next(5);
            for (int r = 0; r < rounds; r++) data = MutateOnce(data, other, maxLength);
            return data;
        }

        private byte[] MutateOnce(byte[] d, byte[] other, int maxLength)
        {
            int n = d.Length;
            switch (_random.Next(n == 0 ? 1 : 9))
            {
                case 0: // insert a few random or interesting bytes
                {
                    int count = 1 + _random.Next(8);
                    if (n + count > maxLength) return d;
                    int at = _random.Next(n + 1);
                    byte[] r = new byte[n + count];
                    Array.Copy(d, 0, r, 0, at);
                    for (int i = 0; i < count; i++) r[at + i] = Pick();
                    Array.Copy(d, at, r, at + count, n - at);
                    return r;
                }
                case 1: d[_random.Next(n)] ^= (byte)(1 << _random.Next(8)); return d;
                case 2: d[_random.Next(n)] = Pick(); return d;
                case 3: d[_random.Next(n)] = (byte)_random.Next(256); return d;
                case 4: // delete a block
                {
                    int at = _random.Next(n);
                    int count = 1 + _random.Next(Math.Min(n - at, 32));
                    byte[] r = new byte[n - count];
                    Array.Copy(d, 0, r, 0, at);
                    Array.Copy(d, at + count, r, at, n - at - count);
                    return r;
                }
                case 5: return d.AsSpan(0, _random.Next(n)).ToArray(); // truncate
                case 6: // duplicate a block in place (repeated headers, lengths that no longer add up)
                {
                    int at = _random.Next(n);
                    int count = 1 + _random.Next(Math.Min(n - at, 64));
                    if (n + count > maxLength) return d;
                    byte[] r = new byte[n + count];
                    Array.Copy(d, 0, r, 0, at + count);
                    Array.Copy(d, at, r, at + count, n - at);
                    return r;
                }
                case 7: // 16-bit big-endian edge value (lengths, counts, ports)
                {
                    if (n < 2) return d;
                    int at = _random.Next(n - 1);
                    int v = _random.Next(4) switch { 0 => 0, 1 => 0xFFFF, 2 => 0x7FFF, _ => 0x8000 };
                    d[at] = (byte)(v >> 8); d[at + 1] = (byte)v;
                    return d;
                }
                default: // splice: head of this, tail of another seed
                {
                    if (other.Length == 0) return d;
                    int head = _random.Next(n + 1), tail = _random.Next(other.Length);
                    int len = Math.Min(head + other.Length - tail, maxLength);
                    byte[] r = new byte[len];
                    Array.Copy(d, 0, r, 0, Math.Min(head, len));
                    if (len > head) Array.Copy(other, tail, r, head, len - head);
                    return r;
                }
            }
        }

        private byte Pick() => _random.Next(2) == 0 ? Interesting[_random.Next(Interesting.Length)] : (byte)_random.Next(256);
    }
}
