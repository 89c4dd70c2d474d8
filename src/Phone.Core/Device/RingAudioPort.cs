// Audio port over the two fixed frame rings: the protocol thread's side of the audio path (the I2S thread owns the other).
namespace Phone.Core.Device
{
    using Phone.Core.Ports;

    /// <summary>
    /// What the agent's media session reads and writes on the device: captured frames come out of one
    /// <see cref="AudioFrameRing"/>, frames to play go into the other. The I2S thread, paced by the codec clock,
    /// fills and drains the rings; the two threads share nothing else. A missing capture frame reads as silence
    /// (counted by the ring as an underrun), a full playback ring drops the frame (an overrun).
    /// </summary>
    public sealed class RingAudioPort : IAudioPort
    {
        private readonly AudioFrameRing _captured;
        private readonly AudioFrameRing _toPlay;

        /// <summary>Creates the port over the capture ring (read here) and the playback ring (written here).</summary>
        public RingAudioPort(AudioFrameRing captured, AudioFrameRing toPlay)
        {
            _captured = captured;
            _toPlay = toPlay;
        }

        /// <summary>Captured frames waiting: the protocol thread runs one audio tick per frame.</summary>
        public int FramesWaiting => _captured.Count;

        /// <inheritdoc/>
        [HotPath]
        public bool ReadFrame(short[] frame, int offset)
        {
            if (_captured.TryRead(frame, offset)) return true;
            for (int i = 0; i < AudioFormat.FrameSamples; i++) frame[offset + i] = 0;
            return false;
        }

        /// <inheritdoc/>
        [HotPath]
        public void WriteFrame(short[] frame, int offset) => _toPlay.TryWrite(frame, offset);
    }
}
