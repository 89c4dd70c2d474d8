// Reader of SIPp's -trace_msg file: each entry "UDP message sent (N bytes):" / "received [N] bytes :" then N raw bytes.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Text;
    using System.Text.RegularExpressions;

    /// <summary>One message as it went over the wire.</summary>
    public sealed class WireMessage
    {
        /// <summary>True when SIPp sent it, false when SIPp received it (from Kamailio or, relayed, from baresip).</summary>
        public bool Sent;

        /// <summary>The exact datagram.</summary>
        public byte[] Bytes;

        /// <summary>First line, for messages.</summary>
        public string FirstLine
        {
            get
            {
                string text = Encoding.ASCII.GetString(Bytes);
                int end = text.IndexOf('\r');
                return end < 0 ? text : text.Substring(0, end);
            }
        }
    }

    /// <summary>The messages of one SIPp run, in order.</summary>
    public sealed class SippMessageLog
    {
        private static readonly Regex Header = new Regex(@"^UDP message (sent|received) (?:\((\d+) bytes\)|\[(\d+)\] bytes ?):\n\n", RegexOptions.Multiline);

        /// <summary>Messages in log order.</summary>
        public List<WireMessage> Messages { get; } = new List<WireMessage>();

        /// <summary>Parses the log file; an absent file gives an empty log.</summary>
        public static SippMessageLog Load(string path)
        {
            var log = new SippMessageLog();
            if (!File.Exists(path)) return log;
            // Latin-1 maps bytes 1:1 to chars, so character offsets are byte offsets.
            string text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
            foreach (Match m in Header.Matches(text))
            {
                int length = int.Parse(m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
                int start = m.Index + m.Length;
                if (start + length > text.Length) throw new InvalidDataException("truncated SIPp message log entry at " + m.Index);
                log.Messages.Add(new WireMessage { Sent = m.Groups[1].Value == "sent", Bytes = Encoding.Latin1.GetBytes(text.Substring(start, length)) });
            }
            return log;
        }
    }
}
