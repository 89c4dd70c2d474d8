// Audio port: 20 ms frames of 8 kHz 16-bit mono PCM. The ESP32 I2S driver, the emulator's WAV files and test
// memory buffers implement it, so each is interchangeable (PJSIP's get_frame/put_frame idea).
namespace Phone.Core.Ports
{
    /// <summary>
    /// Audio in and out in frames of <see cref="FrameSamples"/> samples (20 ms at 8 kHz, 16-bit linear, mono).
    /// On the device ReadFrame blocks until the codec has captured a frame, which paces the audio thread.
    /// </summary>
    public interface IAudioPort
    {
        /// <summary>
        /// Captures one frame into frame[offset .. offset+160). False when no frame is available (a host source
        /// that has ended, or a device overrun); the caller then sends silence or nothing.
        /// </summary>
        bool ReadFrame(short[] frame, int offset);

        /// <summary>Plays one frame from frame[offset .. offset+160).</summary>
        void WriteFrame(short[] frame, int offset);
    }
}
