// Hook for mixing extra audio (call-progress tones, in-band DTMF feedback) into each played frame.
namespace Phone.Core.Media
{
    /// <summary>
    /// Adds its audio into a frame about to be played. Called once per 20 ms frame on the audio path, so an
    /// implementation must not allocate.
    /// </summary>
    public interface IFrameMixer
    {
        /// <summary>Mixes into frame[offset .. offset+count) in place (saturating to 16 bits is the mixer's job).</summary>
        void Mix(short[] frame, int offset, int count);
    }
}
