// The buffers the firmware allocates at start-up, as constants, and their sum against the in-call heap budget.
namespace Phone.Core.Device
{
    using Phone.Core.Ports;

    /// <summary>
    /// Start-up allocations of the device layer. The firmware sizes its buffers from these constants and
    /// docs/MEMORY.md lists them; a host test checks the sum against <see cref="InCallHeapBudgetBytes"/>.
    /// Sizes are payload bytes; each managed array also costs a small object header on nanoCLR, counted separately.
    /// </summary>
    public static class MemoryBudget
    {
        /// <summary>Managed heap the device code may hold during a call.</summary>
        public const int InCallHeapBudgetBytes = 48 * 1024;

        /// <summary>Frames in each audio ring (6 × 20 ms = 120 ms of slack between the threads).</summary>
        public const int AudioRingFrames = 6;

        /// <summary>One 20 ms frame of 16-bit samples.</summary>
        public const int FrameBytes = AudioFormat.FrameSamples * 2;

        /// <summary>Capture ring + playback ring.</summary>
        public const int AudioRingsBytes = 2 * AudioRingFrames * FrameBytes;

        /// <summary>The audio thread's two working frames (captured, to play).</summary>
        public const int AudioScratchBytes = 2 * FrameBytes;

        /// <summary>Largest I2S slot buffer: 32-bit slots, 2 channels, 16 kHz wire rate, one 20 ms frame.</summary>
        public const int I2sSlotBufferBytesMax = AudioFormat.FrameSamples * 2 * 2 * 4;

        /// <summary>I2S receive + transmit slot buffers (worst case board).</summary>
        public const int I2sBuffersBytes = 2 * I2sSlotBufferBytesMax;

        /// <summary>UDP receive buffer shared by SIP and RTP on the protocol thread (an Ethernet MTU).</summary>
        public const int DatagramBufferBytes = 1500;

        /// <summary>SIP message buffer: a large INVITE with SDP fits; longer messages are dropped and counted.</summary>
        public const int SipMessageBufferBytes = 4096;

        /// <summary>HTTPS response body buffer (provisioning documents, CA bundles).</summary>
        public const int HttpsBodyBytes = 16 * 1024;

        /// <summary>Board file table (64 keys and values; the strings themselves are interned constants).</summary>
        public const int BoardTableBytes = 2 * BoardConfig.MaxEntries * 4;

        /// <summary>I2C write pair of the codec driver.</summary>
        public const int CodecScratchBytes = 2;

        /// <summary>Sum of every start-up buffer above.</summary>
        public const int TotalBytes = AudioRingsBytes + AudioScratchBytes + I2sBuffersBytes + DatagramBufferBytes
            + SipMessageBufferBytes + HttpsBodyBytes + BoardTableBytes + CodecScratchBytes;
    }
}
