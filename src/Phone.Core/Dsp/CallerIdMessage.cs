// On-hook caller ID message encoder: MDMF (Telcordia GR-30-CORE §5.3; ETSI EN 300 659-3 §5) with checksum.
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Builds the Multiple Data Message Format call set-up message: type 0x80, length, parameters
    /// (0x01 date/time "MMDDHHMM", 0x02 calling number or 0x04 its absence reason, 0x07 name or 0x08 its
    /// absence reason), then the checksum = two's complement of the sum of all previous bytes mod 256.
    /// Characters outside printable ASCII are sent as '?'.
    /// </summary>
    public static class CallerIdMessage
    {
        /// <summary>Message type: MDMF call set-up (GR-30 §5.3.1, EN 300 659-3 Table 1).</summary>
        public const byte MdmfCallSetup = 0x80;

        /// <summary>Parameter: date and time, 8 ASCII digits MMDDHHMM.</summary>
        public const byte ParamDateTime = 0x01;

        /// <summary>Parameter: calling line directory number.</summary>
        public const byte ParamNumber = 0x02;

        /// <summary>Parameter: reason for absence of the number ('O' unavailable, 'P' private).</summary>
        public const byte ParamNumberAbsent = 0x04;

        /// <summary>Parameter: calling party name.</summary>
        public const byte ParamName = 0x07;

        /// <summary>Parameter: reason for absence of the name ('O' unavailable, 'P' private).</summary>
        public const byte ParamNameAbsent = 0x08;

        /// <summary>Absence reason: out of area / unavailable.</summary>
        public const char Unavailable = 'O';

        /// <summary>Absence reason: private (presentation restricted).</summary>
        public const char Private = 'P';

        /// <summary>Longest number sent (EN 300 659-3 allows 20 digits).</summary>
        public const int MaxNumber = 20;

        /// <summary>Longest name sent (GR-30 allows 15, EN 300 659-3 50; the caller shortens for its market).</summary>
        public const int MaxName = 50;

        /// <summary>Largest possible message: header, 3 parameters, checksum.</summary>
        public const int MaxBytes = 2 + 10 + 2 + MaxNumber + 2 + MaxName + 1;

        /// <summary>
        /// Writes an MDMF message at buffer[offset]; returns its length including the checksum, or -1 if it does
        /// not fit. A null or empty number (or name) is replaced by its absence parameter with the given reason.
        /// Month/day/hour/minute &lt; 0 omits the date/time parameter.
        /// </summary>
        public static int BuildMdmf(byte[] buffer, int offset, int month, int day, int hour, int minute,
            string number, char numberAbsentReason, string name, char nameAbsentReason)
        {
            int numberLen = number == null ? 0 : (number.Length > MaxNumber ? MaxNumber : number.Length);
            int nameLen = name == null ? 0 : (name.Length > MaxName ? MaxName : name.Length);
            bool hasDate = month >= 0 && day >= 0 && hour >= 0 && minute >= 0;
            int body = (hasDate ? 10 : 0) + 2 + (numberLen > 0 ? numberLen : 1) + 2 + (nameLen > 0 ? nameLen : 1);
            int total = 2 + body + 1;
            if (buffer == null || offset < 0 || offset + total > buffer.Length)
            {
                return -1;
            }

            int p = offset;
            buffer[p++] = MdmfCallSetup;
            buffer[p++] = (byte)body;
            if (hasDate)
            {
                buffer[p++] = ParamDateTime;
                buffer[p++] = 8;
                p = TwoDigits(buffer, p, month);
                p = TwoDigits(buffer, p, day);
                p = TwoDigits(buffer, p, hour);
                p = TwoDigits(buffer, p, minute);
            }

            p = Parameter(buffer, p, ParamNumber, ParamNumberAbsent, number, numberLen, numberAbsentReason);
            p = Parameter(buffer, p, ParamName, ParamNameAbsent, name, nameLen, nameAbsentReason);
            buffer[p] = Checksum(buffer, offset, p - offset);
            return total;
        }

        /// <summary>Two's complement of the byte sum of buffer[offset .. offset+count), mod 256.</summary>
        public static byte Checksum(byte[] buffer, int offset, int count)
        {
            int sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += buffer[offset + i];
            }

            return (byte)((256 - (sum & 0xFF)) & 0xFF);
        }

        /// <summary>True when buffer[offset .. offset+count) is a length-consistent message with a good checksum.</summary>
        public static bool IsValid(byte[] buffer, int offset, int count)
        {
            if (count < 3 || buffer[offset + 1] != count - 3)
            {
                return false;
            }

            int sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += buffer[offset + i];
            }

            return (sum & 0xFF) == 0;
        }

        private static int Parameter(byte[] buffer, int p, byte type, byte absentType, string text, int len, char reason)
        {
            if (len == 0)
            {
                buffer[p++] = absentType;
                buffer[p++] = 1;
                buffer[p++] = (byte)reason;
                return p;
            }

            buffer[p++] = type;
            buffer[p++] = (byte)len;
            for (int i = 0; i < len; i++)
            {
                char c = text[i];
                buffer[p++] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
            }

            return p;
        }

        private static int TwoDigits(byte[] buffer, int p, int value)
        {
            value %= 100;
            buffer[p++] = (byte)('0' + (value / 10));
            buffer[p++] = (byte)('0' + (value % 10));
            return p;
        }
    }
}
