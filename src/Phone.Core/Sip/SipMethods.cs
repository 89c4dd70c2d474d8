// Name table and lookup for SIP methods (RFC 3261 §7.1: method names are case-sensitive tokens).
namespace Phone.Core.Sip
{
    /// <summary>Method name table (enum.ToString() prints a number on the device) and allocation-free lookup.</summary>
    public static class SipMethods
    {
        // The names in SipMethod order (Invite is 1), each in a slot of SlotWidth characters padded with spaces: one
        // held literal (12 B of heap on nanoCLR; a string[] of the names took 372 B) with no offset table.
        private static readonly string s_slots =
            "INVITE   ACK      BYE      CANCEL   REGISTER OPTIONS  INFO     UPDATE   PRACK    SUBSCRIBENOTIFY   REFER    MESSAGE  PUBLISH  ";

        private const int SlotWidth = 9;
        private const int MethodCount = (int)SipMethod.Publish + 1;

        /// <summary>Length of the wire name of a method (0 for Unknown).</summary>
        [HotPath]
        public static int NameLength(SipMethod method)
        {
            int i = (int)method;
            if (i <= 0 || i >= MethodCount) return 0;
            int at = (i - 1) * SlotWidth, n = 0;
            while (n < SlotWidth && s_slots[at + n] != ' ') n++;
            return n;
        }

        /// <summary>The wire name of a method ("" for Unknown). Allocates the string: edges only; messages are written
        /// with <see cref="WriteName"/>.</summary>
        public static string Name(SipMethod method)
        {
            int n = NameLength(method);
            return n == 0 ? "" : s_slots.Substring(((int)method - 1) * SlotWidth, n);
        }

        /// <summary>
        /// Writes the wire name of a method as ASCII at dst[pos] (nothing for Unknown), writing nothing at or beyond
        /// <paramref name="end"/>. Returns the name's length: when that is more than end - pos, the name was cut.
        /// </summary>
        [HotPath]
        public static int WriteName(SipMethod method, byte[] dst, int pos, int end)
        {
            int length = NameLength(method);
            int at = ((int)method - 1) * SlotWidth;
            int room = end - pos;
            int n = length < room ? length : room;
            for (int k = 0; k < n; k++) dst[pos + k] = (byte)s_slots[at + k];
            return length;
        }

        /// <summary>Looks a method token up (case-sensitive); Unknown when it is an extension method.</summary>
        [HotPath]
        public static SipMethod Lookup(byte[] buf, int start, int length)
        {
            if (length < 3 || length > SlotWidth) return SipMethod.Unknown;
            // First letter and length name one candidate at most, so one slot of the literal is read.
            SipMethod m;
            switch ((buf[start] << 4) | length)
            {
                case ('I' << 4) | 6: m = SipMethod.Invite; break;
                case ('A' << 4) | 3: m = SipMethod.Ack; break;
                case ('B' << 4) | 3: m = SipMethod.Bye; break;
                case ('C' << 4) | 6: m = SipMethod.Cancel; break;
                case ('R' << 4) | 8: m = SipMethod.Register; break;
                case ('O' << 4) | 7: m = SipMethod.Options; break;
                case ('I' << 4) | 4: m = SipMethod.Info; break;
                case ('U' << 4) | 6: m = SipMethod.Update; break;
                case ('P' << 4) | 5: m = SipMethod.Prack; break;
                case ('S' << 4) | 9: m = SipMethod.Subscribe; break;
                case ('N' << 4) | 6: m = SipMethod.Notify; break;
                case ('R' << 4) | 5: m = SipMethod.Refer; break;
                case ('M' << 4) | 7: m = SipMethod.Message; break;
                case ('P' << 4) | 7: m = SipMethod.Publish; break;
                default: return SipMethod.Unknown;
            }
            int at = ((int)m - 1) * SlotWidth;
            if (length < SlotWidth && s_slots[at + length] != ' ') return SipMethod.Unknown;
            for (int i = 1; i < length; i++)
            {
                if (buf[start + i] != s_slots[at + i]) return SipMethod.Unknown;
            }
            return m;
        }
    }
}
