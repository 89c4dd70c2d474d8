// message/sipfrag bodies of the refer subscription's NOTIFYs (RFC 3420; RFC 3515 §2.4.5: the status line of the new INVITE's response).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Reads and writes the status line a NOTIFY for a REFER carries ("SIP/2.0 200 OK").</summary>
    public static class SipFrag
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string StatusLinePrefix = "SIP/2.0 ";

        /// <summary>Content-Type of the NOTIFY body (RFC 3515 §2.4.5).</summary>
        public const string ContentType = "message/sipfrag;version=2.0";

        /// <summary>
        /// Reads the status code of a sipfrag whose first line is a SIP status line ("SIP/2.0 NNN reason"); false when the
        /// body is empty, is a request line, or the code is not three digits in 100..699.
        /// </summary>
        [HotPath]
        public static bool TryReadStatus(byte[] buf, int start, int length, out int code)
        {
            code = 0;
            if (start < 0 || length < 11 || start + length > buf.Length) return false;
            if (!SipText.EqualsIgnoreCase(buf, start, 8, StatusLinePrefix)) return false;
            int p = start + 8;
            if (!SipText.IsDigit(buf[p]) || !SipText.IsDigit(buf[p + 1]) || !SipText.IsDigit(buf[p + 2])) return false;
            int end = start + length;
            if (p + 3 < end && buf[p + 3] != (byte)' ' && buf[p + 3] != (byte)'\r' && buf[p + 3] != (byte)'\n') return false;
            code = (buf[p] - '0') * 100 + (buf[p + 1] - '0') * 10 + (buf[p + 2] - '0');
            return code >= 100 && code <= 699;
        }

        /// <summary>Writes "SIP/2.0 NNN reason\r\n" as the body of a message begun with SipWriter.BeginBody.</summary>
        public static void Write(SipWriter w, int code)
        {
            int start = w.Position;
            w.Append(StatusLinePrefix);
            w.AppendInt(code);
            w.Append((byte)' ');
            w.Append(Reason(code));
            w.AppendCrLf();
            w.EndBody(w.Position - start);
        }

        /// <summary>The RFC 3261 §21 reason phrase of the codes a transfer reports; a class name for others.</summary>
        public static string Reason(int code)
        {
            switch (code)
            {
                case 100: return "Trying";
                case 180: return "Ringing";
                case 183: return "Session Progress";
                case 200: return "OK";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 408: return "Request Timeout";
                case 480: return "Temporarily Unavailable";
                case 481: return "Call/Transaction Does Not Exist";
                case 486: return "Busy Here";
                case 487: return "Request Terminated";
                case 488: return "Not Acceptable Here";
                case 500: return "Server Internal Error";
                case 503: return "Service Unavailable";
                case 600: return "Busy Everywhere";
                case 603: return "Decline";
            }
            if (code < 200) return "Session Progress";
            if (code < 300) return "OK";
            if (code < 400) return "Redirection";
            return "Failure";
        }
    }
}
