// I2S sample-frame conversion: interleaved little-endian stereo slots (16- or 32-bit, MSB-aligned) <-> mono 16-bit PCM.
namespace Phone.Core.Dsp
{
    /// <summary>
    /// I2S delivers frames of two slots (left then right), each slot little-endian. A 32-bit slot carries the
    /// sample MSB-aligned, so its top 16 bits (bytes 2 and 3) are the 16-bit sample. All methods are
    /// allocation-free and return the number of mono samples converted.
    /// </summary>
    public static class I2sFrames
    {
        /// <summary>Channel selector: left slot.</summary>
        public const int Left = 0;

        /// <summary>Channel selector: right slot.</summary>
        public const int Right = 1;

        /// <summary>Channel selector for output: both slots carry the sample.</summary>
        public const int Both = 2;

        /// <summary>Mono from <paramref name="frames"/> 16-bit stereo frames (4 bytes each) of the given channel.</summary>
        [HotPath]
        public static int StereoToMono16(byte[] src, int srcOffset, int frames, int channel, short[] dst, int dstOffset)
        {
            int p = srcOffset + (channel == Right ? 2 : 0);
            for (int i = 0; i < frames; i++)
            {
                dst[dstOffset + i] = (short)(src[p] | (src[p + 1] << 8));
                p += 4;
            }

            return frames;
        }

        /// <summary>Mono from <paramref name="frames"/> 32-bit-slot stereo frames (8 bytes each): the top 16 bits of the slot.</summary>
        [HotPath]
        public static int StereoToMono32(byte[] src, int srcOffset, int frames, int channel, short[] dst, int dstOffset)
        {
            int p = srcOffset + (channel == Right ? 4 : 0) + 2;
            for (int i = 0; i < frames; i++)
            {
                dst[dstOffset + i] = (short)(src[p] | (src[p + 1] << 8));
                p += 8;
            }

            return frames;
        }

        /// <summary>16-bit stereo frames from mono; channel Left/Right writes that slot and zeroes the other, Both duplicates.</summary>
        [HotPath]
        public static int MonoToStereo16(short[] src, int srcOffset, int count, byte[] dst, int dstOffset, int channel)
        {
            int p = dstOffset;
            // The channel is the same for the whole frame: decide it once, not per sample (the interpreter pays per IL op).
            bool left = channel != Right;
            bool right = channel != Left;
            for (int i = 0; i < count; i++)
            {
                int s = src[srcOffset + i];
                byte lo = (byte)s;
                byte hi = (byte)(s >> 8);
                dst[p] = left ? lo : (byte)0;
                dst[p + 1] = left ? hi : (byte)0;
                dst[p + 2] = right ? lo : (byte)0;
                dst[p + 3] = right ? hi : (byte)0;
                p += 4;
            }

            return count;
        }

        /// <summary>32-bit-slot stereo frames from mono (sample in the top 16 bits, low 16 bits zero).</summary>
        [HotPath]
        public static int MonoToStereo32(short[] src, int srcOffset, int count, byte[] dst, int dstOffset, int channel)
        {
            int p = dstOffset;
            // The channel is the same for the whole frame: decide it once, not per sample (the interpreter pays per IL op).
            bool left = channel != Right;
            bool right = channel != Left;
            for (int i = 0; i < count; i++)
            {
                int s = src[srcOffset + i];
                byte lo = (byte)s;
                byte hi = (byte)(s >> 8);
                dst[p] = 0;
                dst[p + 1] = 0;
                dst[p + 2] = left ? lo : (byte)0;
                dst[p + 3] = left ? hi : (byte)0;
                dst[p + 4] = 0;
                dst[p + 5] = 0;
                dst[p + 6] = right ? lo : (byte)0;
                dst[p + 7] = right ? hi : (byte)0;
                p += 8;
            }

            return count;
        }
    }
}
