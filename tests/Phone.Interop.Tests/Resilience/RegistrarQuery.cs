// A test-side REGISTER client over a plain UDP socket with MD5 digest (RFC 3261 §10.2, §22): fetches the bindings of
// an address of record (REGISTER without Contact, §10.2.3) or binds a contact, independently of the product's code.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Net;
    using System.Net.Sockets;
    using System.Security.Cryptography;
    using System.Text;
    using System.Text.RegularExpressions;
    using Phone.Interop.Tests.Harness;

    internal static class RegistrarQuery
    {
        /// <summary>
        /// The Contact header values the registrar on <paramref name="port"/> holds for <paramref name="user"/> (a REGISTER
        /// without Contact answered 200 lists them all); throws when the answer is not 200.
        /// </summary>
        public static List<string> Bindings(int port, string user, string password)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            string response = Register(socket, port, user, password, null, 0);
            return Contacts(response);
        }

        /// <summary>Binds <paramref name="contact"/> for <paramref name="user"/> from <paramref name="socket"/>; returns the status code.</summary>
        public static int Bind(Socket socket, int port, string user, string password, string contact, int expires)
            => Status(Register(socket, port, user, password, contact, expires));

        private static string Register(Socket socket, int port, string user, string password, string contact, int expires)
        {
            int local = ((IPEndPoint)socket.LocalEndPoint).Port;
            string aor = "sip:" + user + "@" + KamailioProcess.Realm;
            string uri = "sip:" + KamailioProcess.Realm;
            string callId = "query-" + Guid.NewGuid().ToString("N");
            string authorization = null;
            for (int cseq = 1; cseq <= 2; cseq++)
            {
                string request =
                    "REGISTER " + uri + " SIP/2.0\r\n" +
                    "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bKq" + Guid.NewGuid().ToString("N").Substring(0, 12) + ";rport\r\n" +
                    "Max-Forwards: 70\r\n" +
                    "From: <" + aor + ">;tag=q" + cseq + "\r\n" +
                    "To: <" + aor + ">\r\n" +
                    "Call-ID: " + callId + "\r\n" +
                    "CSeq: " + cseq + " REGISTER\r\n" +
                    (contact != null ? "Contact: <" + contact + ">\r\nExpires: " + expires + "\r\n" : "") +
                    (authorization != null ? "Authorization: " + authorization + "\r\n" : "") +
                    "Content-Length: 0\r\n\r\n";
                string response = Exchange(socket, port, request, "CSeq: " + cseq + " REGISTER");
                int status = Status(response);
                if (status != 401) return response;
                Match m = Regex.Match(response, "WWW-Authenticate: *Digest (.*)\r\n", RegexOptions.IgnoreCase);
                if (!m.Success) return response;
                string nonce = Param(m.Groups[1].Value, "nonce");
                string realm = Param(m.Groups[1].Value, "realm");
                string qop = Param(m.Groups[1].Value, "qop");
                string ha1 = Md5(user + ":" + realm + ":" + password), ha2 = Md5("REGISTER:" + uri);
                authorization = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", algorithm=MD5";
                if (qop != null && qop.Contains("auth"))
                {
                    string cnonce = Guid.NewGuid().ToString("N").Substring(0, 16);
                    authorization += ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", response=\"" + Md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2) + "\"";
                }
                else
                {
                    authorization += ", response=\"" + Md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
                }
            }
            throw new InvalidOperationException("registrar on " + port + " kept challenging " + user);
        }

        /// <summary>Status code of a response text, 0 when none.</summary>
        public static int Status(string response)
        {
            Match m = Regex.Match(response ?? "", "^SIP/2.0 (\\d{3})");
            return m.Success ? int.Parse(m.Groups[1].Value) : 0;
        }

        /// <summary>Every Contact (or m:) header value of a message.</summary>
        public static List<string> Contacts(string response)
        {
            if (Status(response) != 200) throw new InvalidOperationException("binding fetch failed:\n" + response);
            var list = new List<string>();
            foreach (Match m in Regex.Matches(response, "^(?:Contact|m): *(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase))
            {
                list.Add(m.Groups[1].Value.TrimEnd('\r'));
            }
            return list;
        }

        private static string Exchange(Socket socket, int port, string request, string cseqLine)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(request);
            var buffer = new byte[8192];
            for (int attempt = 0; attempt < 6; attempt++)
            {
                socket.SendTo(bytes, new IPEndPoint(IPAddress.Loopback, port));
                long until = Environment.TickCount64 + 500;
                while (Environment.TickCount64 < until)
                {
                    if (!socket.Poll(50_000, SelectMode.SelectRead)) continue;
                    int n;
                    try
                    {
                        n = socket.Receive(buffer);
                    }
                    catch (SocketException)
                    {
                        continue;
                    }
                    string text = Encoding.ASCII.GetString(buffer, 0, n);
                    // Skip provisional answers and anything not ours (a MESSAGE relayed to a bound socket, say).
                    if (text.StartsWith("SIP/2.0 ") && Status(text) >= 200 && text.Contains(cseqLine)) return text;
                }
            }
            return "";
        }

        private static string Param(string header, string name)
        {
            Match m = Regex.Match(header, "\\b" + name + "=\"?([^\",]*)\"?", RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        }

        private static string Md5(string s)
        {
            byte[] h = MD5.HashData(Encoding.UTF8.GetBytes(s));
            var sb = new StringBuilder();
            foreach (byte b in h) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }
    }
}
