// DTMF keypad frequencies (ITU-T Q.23 §2): 4 row (low group) × 4 column (high group) tones.
namespace Phone.Core.Dsp
{
    /// <summary>The 16 DTMF digits and their frequency pairs.</summary>
    public static class DtmfDigits
    {
        /// <summary>Digits in keypad order, row-major: index = row * 4 + column.</summary>
        public const string Keys = "123A456B789C*0#D";

        private static readonly int[] RowHzTable = new int[] { 697, 770, 852, 941 };
        private static readonly int[] ColumnHzTable = new int[] { 1209, 1336, 1477, 1633 };

        /// <summary>Low-group frequency of row 0..3.</summary>
        public static int RowHz(int row) => RowHzTable[row];

        /// <summary>High-group frequency of column 0..3.</summary>
        public static int ColumnHz(int column) => ColumnHzTable[column];

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
