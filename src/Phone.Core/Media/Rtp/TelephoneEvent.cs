// RFC 4733 §2.3 telephone-event payload format (event, E bit, volume, duration) and the DTMF event codes (§3.2).
namespace Phone.Core.Media.Rtp
{
    /// <summary>Reads and writes the 4-octet telephone-event payload.</summary>
    public static class TelephoneEvent
    {
        /// <summary>Payload length.</summary>
        public const int PayloadLength = 4;

        /// <summary>Highest DTMF event code (16 = flash, RFC 4733 §3.2).</summary>
        public const int MaxDtmfEvent = 16;

        // A field, not a const: nanoCLR allocates a string object for every ldstr, and these run per packet.
        private static readonly string Digits = "0123456789*#ABCD!";

        /// <summary>Writes the payload at buffer[offset].</summary>
        [HotPath]
        public static void Write(byte[] buffer, int offset, int eventCode, bool end, int volume, int durationSamples)
        {
            buffer[offset] = (byte)eventCode;
            buffer[offset + 1] = (byte)((end ? 0x80 : 0) | (volume & 0x3F));
            NetworkOrder.WriteUInt16(buffer, offset + 2, durationSamples);
        }

        /// <summary>Reads a payload; false when shorter than 4 octets.</summary>
        [HotPath]
        public static bool TryRead(byte[] buffer, int offset, int length, out int eventCode, out bool end,
            out int volume, out int durationSamples)
        {
            if (length < PayloadLength)
            {
                eventCode = 0; end = false; volume = 0; durationSamples = 0;
                return false;
            }
            eventCode = buffer[offset];
            end = (buffer[offset + 1] & 0x80) != 0;
            volume = buffer[offset + 1] & 0x3F;
            durationSamples = NetworkOrder.ReadUInt16(buffer, offset + 2);
            return true;
        }

        /// <summary>The character of a DTMF event code, '?' if it is not one.</summary>
        [HotPath]
        public static char ToDigit(int eventCode) => eventCode >= 0 && eventCode <= MaxDtmfEvent ? Digits[eventCode] : '?';

        /// <summary>The event code of a dial-pad character, -1 if it is not one.</summary>
        [HotPath]
        public static int FromDigit(char digit)
        {
            if (digit >= 'a' && digit <= 'd') digit = (char)(digit - 'a' + 'A');
            for (int i = 0; i < Digits.Length; i++) if (Digits[i] == digit) return i;
            return -1;
        }
    }
}
