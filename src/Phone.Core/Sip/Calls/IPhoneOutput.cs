// Commands from the phone's line state machine to the hardware / audio side.
namespace Phone.Core.Sip.Calls
{
    /// <summary>What <see cref="PhoneLine"/> asks of the device (tones, ringer, media session).</summary>
    public interface IPhoneOutput
    {
        /// <summary>Play a progress tone (None stops it).</summary>
        void PlayTone(LineTone tone);

        /// <summary>Start or stop the ringer (FXS ring cadence or desk ringer).</summary>
        void SetRinging(bool on);

        /// <summary>(Re)start media for the call with <c>call.Media</c> (codec, remote RTP address/port, direction) on <c>call.LocalRtpPort</c>.</summary>
        void StartMedia(Call call);

        /// <summary>Stop the call's media.</summary>
        void StopMedia(Call call);
    }
}
