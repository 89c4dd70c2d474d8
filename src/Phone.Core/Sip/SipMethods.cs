// Name table and lookup for SIP methods (RFC 3261 §7.1: method names are case-sensitive tokens).
namespace Phone.Core.Sip
{
    /// <summary>Method name table (enum.ToString() prints a number on the device) and allocation-free lookup.</summary>
    public static class SipMethods
    {
        private static readonly string[] s_names =
        {
            "", "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK",
            "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH",
        };

        /// <summary>The wire name of a method ("" for Unknown).</summary>
        public static string Name(SipMethod method)
        {
            int i = (int)method;
            return i < s_names.Length ? s_names[i] : "";
        }

        /// <summary>Looks a method token up (case-sensitive); Unknown when it is an extension method.</summary>
        [HotPath]
        public static SipMethod Lookup(byte[] buf, int start, int length)
        {
            if (length < 3 || length > 9) return SipMethod.Unknown;
            for (int i = 1; i < s_names.Length; i++)
            {
                string n = s_names[i];
                if (n.Length == length && buf[start] == n[0] && SipText.Equals(buf, start, length, n)) return (SipMethod)i;
            }
            return SipMethod.Unknown;
        }
    }
}
