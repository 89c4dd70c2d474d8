// DTMF keypad frequencies (ITU-T Q.23 §2): 4 row (low group) × 4 column (high group) tones.
namespace Phone.Core.Dsp
{
    /// <summary>The 16 DTMF digits and their frequency pairs.</summary>
    public static class DtmfDigits
    {
        /// <summary>Digits in keypad order, row-major: index = row * 4 + column.</summary>
        public const string Keys = "123A456B789C*0#D";

        // The frequencies as code, not two int[] held for the uptime (72 B on nanoCLR): they are read when a detector
        // is made or a digit starts, never per sample.

        /// <summary>Low-group frequency of row 0..3.</summary>
        public static int RowHz(int row)
        {
            switch (row)
            {
                case 0: return 697;
                case 1: return 770;
                case 2: return 852;
                case 3: return 941;
                default: throw new System.ArgumentOutOfRangeException(nameof(row));
            }
        }

        /// <summary>High-group frequency of column 0..3.</summary>
        public static int ColumnHz(int column)
        {
            switch (column)
            {
                case 0: return 1209;
                case 1: return 1336;
                case 2: return 1477;
                case 3: return 1633;
                default: throw new System.ArgumentOutOfRangeException(nameof(column));
            }
        }

        /// <summary>Keypad index 0..15 of a digit ('0'-'9', '*', '#', 'A'-'D' or 'a'-'d'), or -1.</summary>
        public static int IndexOf(char digit)
        {
            if (digit >= 'a' && digit <= 'd')
            {
                digit = (char)(digit - 'a' + 'A');
            }

            return Keys.IndexOf(digit);
        }

        /// <summary>The digit at keypad index 0..15.</summary>
        public static char At(int index) => Keys[index];
    }
}
