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

        /// <summary>
        /// The audio thread's one working frame: the captured frame is copied into its ring before the frame to play is
        /// taken out of the other ring into the same array.
        /// </summary>
        public const int AudioScratchBytes = FrameBytes;

        /// <summary>
        /// Largest I2S slot buffer a board file asks for: 32-bit slots, 2 channels, 8 kHz wire rate, one piece (5 ms) of a
        /// frame, as the driver reads and writes a frame in I2sSlotCodec.PiecesPerFrame pieces (no board runs its I2S at
        /// 16 kHz: docs/DEVICE.md; a test checks every board file against this).
        /// </summary>
        public const int I2sSlotBufferBytesMax = I2sSlotCodec.PieceSamples * 2 * 4;

        /// <summary>I2S receive + transmit slot buffers (worst case board).</summary>
        public const int I2sBuffersBytes = 2 * I2sSlotBufferBytesMax;

        /// <summary>
        /// Largest configuration file (and stored configuration) the device takes. One number for the HTTPS limit, the
        /// stored slots and the parse: ProvisioningClient holds one buffer of this size (+ slot header) and lends it to
        /// the HTTPS port for each response body, so the fetcher needs no buffer of its own.
        /// </summary>
        public const int ConfigFileBytes = 8 * 1024;

        /// <summary>
        /// The provisioning client drops its configuration buffer whenever it is idle (ProvisioningClient.HoldBuffer):
        /// the firmware polls provisioning only on hook, so the buffer is never held during a call.
        /// </summary>
        public const bool HoldConfigBuffer = false;

        /// <summary>The provisioning client keeps no parsed file layers between resyncs (ProvisioningClient.KeepFileLayers).</summary>
        public const bool KeepConfigFileLayers = false;

        /// <summary>
        /// The provisioning client parks the configuration in force whenever it is idle (ProvisioningClient.HoldConfiguration):
        /// it keeps its own prov.* / signing keys and reads the rest back from the last-known-good slot when next needed.
        /// </summary>
        public const bool HoldConfiguration = false;

        /// <summary>The HTTPS fetcher's own body buffer: none, the provisioning client lends its buffer.</summary>
        public const int HttpsBodyBytes = 0;

        /// <summary>Call slots: two, so that a second call can wait (call waiting) while one is in progress.</summary>
        public const int CallSlots = 2;

        /// <summary>SIP client + server transactions of the layer (slots only: their message buffers come from <see cref="SipMessageBuffers"/>): a call, a second call waiting, a registration refresh and a keep-alive probe at once.</summary>
        public const int SipTransactions = 4;

        /// <summary>
        /// SIP message buffers of 1500 B lent to transactions and calls only while a message may be re-sent (Sip.Transactions
        /// MessageBufferPool): what an INVITE needs. A stable call holds none; a call being set up holds three at most at
        /// its answer (its INVITE transaction's buffer, the INVITE, the 2xx until the ACK), while the first call is stable.
        /// Short messages take a small buffer first (<see cref="SipSmallMessageBuffers"/>) and one of these when none is
        /// free. A request that finds none is refused as with a full table.
        /// </summary>
        public const int SipMessageBuffers = 3;

        /// <summary>
        /// Small SIP message buffers (896 B, MessageBufferPool.SmallBufferBytes) for what a stable call sends and keeps: a
        /// registration refresh with its digest answer, a keep-alive probe, the answer to the PBX's OPTIONS (kept 32 s,
        /// Timer J). With the full ones, five buffers as before, two of them shorter.
        /// </summary>
        public const int SipSmallMessageBuffers = 2;

        /// <summary>
        /// One received RTP/RTCP datagram: 12-byte header, 15 CSRCs (60), a header extension of up to 88 B and a 240-byte
        /// payload (the jitter slot: 30 ms of G.711) fit; a longer RTP packet could not be kept anyway, and a longer RTCP
        /// compound (ours is at most 328 B) is dropped and counted as malformed.
        /// </summary>
        public const int RtpDatagramBytes = 12 + 60 + 88 + 240;

        /// <summary>Calls made in local survivability mode kept until they are reported to the PBX (oldest dropped first).</summary>
        public const int LocalCallRecords = 8;

        /// <summary>m= lines of a received SDP body: audio plus one more stream (e.g. video) to decline with port 0.</summary>
        public const int SdpMediaLines = 2;

        /// <summary>Jitter buffer slots: 10 × 20 ms = 200 ms of depth, more than the adaptive target ever reaches on a LAN.</summary>
        public const int JitterSlots = 10;

        /// <summary>Jitter buffer slot: one 30 ms G.711 payload (a peer may send ptime 30 although we ask for 20).</summary>
        public const int JitterSlotBytes = 240;

        /// <summary>Board file table at most (64 keys and values; a parsed board keeps tables of its own entry count).</summary>
        public const int BoardTableBytes = 2 * BoardConfig.MaxEntries * 4;

        /// <summary>I2C write pair of the codec driver.</summary>
        public const int CodecScratchBytes = 2;

        /// <summary>Sum of the device layer's own start-up buffers above (the core's are measured, see docs/MEMORY.md).</summary>
        public const int TotalBytes = AudioRingsBytes + AudioScratchBytes + I2sBuffersBytes + HttpsBodyBytes + BoardTableBytes + CodecScratchBytes;

        /// <summary>
        /// Header lines a SIP parser takes (the transport's and the transaction layer's; host default 64): a message with
        /// more is dropped and counted (TooManyHeaders). RFC 4475's long request (§3.1.1.3, 43 lines) still fits.
        /// </summary>
        public const int SipMaxHeaders = 48;

        /// <summary>
        /// Largest SIP datagram the transport receives (its one receive buffer, + 40 B to stamp the Via); a longer one is
        /// truncated by the socket and dropped as malformed. The size of a pool buffer (<see cref="SipMessageBuffers"/>):
        /// a received INVITE longer than that could not be kept by its call anyway, and RFC 3261 §18.1.1 leaves a request
        /// over 1,300 B to TCP. The office corpus's largest message is 1,050 B.
        /// </summary>
        public const int SipMessageBufferBytes = 1500;
    }
}
