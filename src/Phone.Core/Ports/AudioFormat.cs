// The one audio format that crosses the audio port.
namespace Phone.Core.Ports
{
    /// <summary>Constants of the audio port's format: 8 kHz, 16-bit, mono, 20 ms frames.</summary>
    public static class AudioFormat
    {
        /// <summary>Samples per second.</summary>
        public const int SampleRate = 8000;

        /// <summary>Frame duration in milliseconds.</summary>
        public const int FrameMs = 20;

        /// <summary>Samples in one frame (SampleRate × FrameMs / 1000).</summary>
        public const int FrameSamples = 160;
    }
}
