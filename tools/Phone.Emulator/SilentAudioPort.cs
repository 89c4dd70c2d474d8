// Audio port of a fleet device: a silent microphone and a speaker that discards (no recordings kept for N devices).
namespace Phone.Emulator
{
    using Phone.Core.Ports;

    internal sealed class SilentAudioPort : IAudioPort
    {
        public bool ReadFrame(short[] frame, int offset)
        {
            System.Array.Clear(frame, offset, AudioFormat.FrameSamples);
            return true;
        }

        public void WriteFrame(short[] frame, int offset)
        {
        }
    }
}
