// Writes the starting corpora: SIP/SDP from the conformance files, small valid packets/files for the other parsers.
namespace Phone.Fuzz
{
    using System;
    using System.IO;
    using System.Text;
    using Phone.Core.Dns;
    using Phone.Core.Media.Rtp;

    /// <summary>Builds tools/fuzz/seeds/&lt;target&gt;/ so every target starts from inputs its parser accepts.</summary>
    public static class SeedGenerator
    {
        // Seeds larger than this slow AFL down without adding coverage (the SIP limit is 4 KiB anyway).
        private const int MaxSeedBytes = 4096;

        /// <summary>Writes all seeds; returns the number of files.</summary>
        public static int WriteAll(string conformanceDir, string outDir)
        {
            int n = 0;
            foreach (string sub in new[] { "office", "rfc4475", "rfc5118" })
            {
                foreach (string path in Directory.GetFiles(Path.Combine(conformanceDir, sub)))
                {
                    if (path.EndsWith(".tsv", StringComparison.Ordinal)) continue;
                    byte[] message = File.ReadAllBytes(path);
                    if (message.Length > MaxSeedBytes) continue;
                    string name = sub + "-" + Path.GetFileNameWithoutExtension(path);
                    n += Write(outDir, "sip", name, message);
                    int body = IndexOf(message, "\r\n\r\nv=0");
                    if (body >= 0) n += Write(outDir, "sdp", name, Slice(message, body + 4, message.Length - body - 4));
                }
            }
            n += Rtp(outDir) + Rtcp(outDir) + Dtmf(outDir) + Digest(outDir) + Dns(outDir) + Config(outDir);
            n += SipTx(conformanceDir, outDir) + DialPlan(outDir);
            return n;
        }

        private static int Rtp(string dir)
        {
            int n = 0;
            byte[] p = new byte[12 + 20];
            p[0] = 0x80; p[1] = 0x80; p[3] = 7; p[7] = 160; p[11] = 0x2A;
            for (int i = 12; i < p.Length; i++) p[i] = 0xFF;
            n += Write(dir, "rtp", "pcmu-marker", p);
            byte[] c = new byte[12 + 8 + 4];
            c[0] = 0x82; c[1] = 8; c[3] = 9;
            n += Write(dir, "rtp", "pcma-2csrc", c);
            byte[] x = new byte[12 + 8 + 4];
            x[0] = 0x90; x[1] = 0; x[12] = 0xBE; x[13] = 0xDE; x[15] = 1;
            n += Write(dir, "rtp", "extension", x);
            byte[] pad = new byte[12 + 4 + 4];
            pad[0] = 0xA0; pad[1] = 101; pad[pad.Length - 1] = 4;
            n += Write(dir, "rtp", "padding", pad);
            return n;
        }

        private static int Rtcp(string dir)
        {
            byte[] b = new byte[128];
            byte[] cname = Encoding.ASCII.GetBytes("a@10.0.0.1");
            int len = RtcpPacket.WriteReport(b, 0, true, 0x11111111, RtcpPacket.NtpFromMs(123456), 8000, 50, 8000, false, default);
            len += RtcpPacket.WriteSdesCname(b, len, 0x11111111, cname, cname.Length);
            int n = Write(dir, "rtcp", "sr-sdes", Slice(b, 0, len));
            len += RtcpPacket.WriteBye(b, len, 0x11111111);
            n += Write(dir, "rtcp", "sr-sdes-bye", Slice(b, 0, len));
            len = RtcpPacket.WriteReport(b, 0, false, 0x22222222, 0, 0, 0, 0, true, default);
            len += RtcpPacket.WriteSdesCname(b, len, 0x22222222, cname, cname.Length);
            n += Write(dir, "rtcp", "rr-block-sdes", Slice(b, 0, len));
            return n;
        }

        private static int Dtmf(string dir)
        {
            byte[] b = new byte[4];
            TelephoneEvent.Write(b, 0, 5, false, 10, 800);
            int n = Write(dir, "dtmf", "digit5-start", b);
            b = new byte[4];
            TelephoneEvent.Write(b, 0, 11, true, 10, 960);
            return n + Write(dir, "dtmf", "hash-end", b);
        }

        private static int Digest(string dir)
        {
            int n = Write(dir, "digest", "rfc2617", Ascii("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
            n += Write(dir, "digest", "rfc7616-sha256", Ascii("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", stale=FALSE, userhash=true"));
            n += Write(dir, "digest", "sip-md5", Ascii("Digest realm=\"pbx.example.com\", nonce=\"4f3a\", algorithm=MD5, qop=\"auth\""));
            return n;
        }

        private static int Dns(string dir)
        {
            int n = 0;
            n += Write(dir, "dns", "a-answer", Answer("pbx.example.com", DnsType.A, new byte[] { 10, 0, 0, 5 }));
            n += Write(dir, "dns", "srv-answer", Answer("_sip._udp.example.com", DnsType.Srv,
                new byte[] { 0, 10, 0, 60, 0x13, 0xC4, 3, (byte)'p', (byte)'b', (byte)'x', 0xC0, 0x12 }));
            return n;
        }

        // A response to our own query: header flags QR|RD|RA, one answer whose owner name points at the question.
        private static byte[] Answer(string name, int type, byte[] rdata)
        {
            byte[] b = new byte[512];
            int len = DnsQueryWriter.Write(b, 0, b.Length, 0x1234, name, type);
            b[2] = 0x81; b[3] = 0x80; b[7] = 1;
            int p = len;
            b[p++] = 0xC0; b[p++] = 12;
            b[p++] = 0; b[p++] = (byte)type; b[p++] = 0; b[p++] = 1;
            b[p++] = 0; b[p++] = 0; b[p++] = 0x0E; b[p++] = 0x10;
            b[p++] = 0; b[p++] = (byte)rdata.Length;
            Array.Copy(rdata, 0, b, p, rdata.Length);
            return Slice(b, 0, p + rdata.Length);
        }

        private static int Config(string dir)
        {
            int n = Write(dir, "config", "account", Ascii(
                "# office phone 201\nconfig.version = 1.3\n\naccount.1.user = 201\n" +
                "account.1.password = \"p#ss \\\"word\\\\\"   # quoted\n" +
                "account.1.display_name = Front Desk\naccount.1.registrar = PBX.example.com:5061\n" +
                "account.1.transport = TLS\naccount.1.expires = 600\r\nmedia.codecs = pcma , pcmu\n" +
                "dialplan.map = (*xx|#xx|[2-4]xx|0x.T)\n"));
            n += Write(dir, "config", "directory-keys", Ascii(
                "directory.201 = Anna Müller, 192.168.1.21\nkey.3 = BLF, 202, Anna\n" +
                "fxs.ring_cadence = 400, 200, 400, 2000\nsecurity.signing_required = yes\n"));
            return n;
        }

        // "siptx": answers to the INVITE the fuzzed phone sends first (same seed every run, so the same branch,
        // Call-ID and tags), joined by NUL; and the office corpus's incoming call (INVITE, ACK, BYE).
        private static int SipTx(string conformanceDir, string dir)
        {
            var target = new SipTransactionTarget();
            var phone = target.NewPhone();
            phone.PlaceCall(SipTransactionTarget.Target, 0);
            string invite = Encoding.ASCII.GetString(target.FirstSent);
            string dialog = Line(invite, "Via: ") + Line(invite, "From: ") + Line(invite, "Call-ID: ") + Line(invite, "CSeq: ");
            string to = Line(invite, "To: ").TrimEnd('\r', '\n') + ";tag=b2\r\n";
            const string contact = "Contact: <sip:202@10.0.0.2:5060>\r\n";
            const string sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n" +
                "m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";
            string Resp(int code, string reason, string extra, string body) =>
                "SIP/2.0 " + code + " " + reason + "\r\n" + dialog + to + extra +
                (body == null ? "Content-Length: 0\r\n\r\n" : "Content-Type: application/sdp\r\nContent-Length: " + body.Length + "\r\n\r\n" + body);
            string bye = "BYE sip:201@10.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKbye1\r\nMax-Forwards: 70\r\n" +
                "From: " + to.Substring(4) + "To: " + Line(invite, "From: ").Substring(6) + Line(invite, "Call-ID: ") +
                "CSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
            int n = Write(dir, "siptx", "ringing-answered-bye", Join(Resp(100, "Trying", "", null), Resp(180, "Ringing", contact, null),
                Resp(200, "OK", contact, sdp), Resp(200, "OK", contact, sdp), bye));
            n += Write(dir, "siptx", "early-media-busy", Join(Resp(183, "Session Progress", contact, sdp), Resp(486, "Busy Here", "", null),
                Resp(486, "Busy Here", "", null)));
            n += Write(dir, "siptx", "proxy-challenge", Join(Resp(407, "Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"pbx.test\", nonce=\"4ee1ab0a5b7c\", qop=\"auth\", algorithm=MD5\r\n", null)));
            n += Write(dir, "siptx", "redirect", Join(Resp(302, "Moved Temporarily", "Contact: <sip:203@10.0.0.3:5060>\r\n", null)));
            string office = Path.Combine(conformanceDir, "office");
            n += Write(dir, "siptx", "office-incoming", Join(
                File.ReadAllText(Path.Combine(office, "04_INVITE_sdp.sip")),
                File.ReadAllText(Path.Combine(office, "08_ACK.sip")),
                File.ReadAllText(Path.Combine(office, "10_OPTIONS.sip")),
                File.ReadAllText(Path.Combine(office, "09_BYE.sip"))));
            return n;
        }

        private static string Line(string message, string header)
        {
            int i = message.IndexOf("\r\n" + header, StringComparison.Ordinal);
            if (i < 0) throw new InvalidOperationException("no " + header + " in the phone's INVITE");
            int e = message.IndexOf("\r\n", i + 2, StringComparison.Ordinal);
            return message.Substring(i + 2, e - i);
        }

        private static byte[] Join(params string[] messages)
        {
            var all = new System.Collections.Generic.List<byte>();
            for (int i = 0; i < messages.Length; i++)
            {
                if (i > 0) all.Add(0);
                all.AddRange(Encoding.ASCII.GetBytes(messages[i]));
            }
            return all.ToArray();
        }

        // "dialplan": a digit map as configured (first line), then the keys dialled.
        private static int DialPlan(string dir)
        {
            int n = Write(dir, "dialplan", "office", Ascii("(*xx|#xx|[2-4]xx|0x.T|911S0|<9:>[2-9]xxxxxx|!1900xxxxxxx)\n0041441234567"));
            n += Write(dir, "dialplan", "timers-subst", Ascii("L:8,S:2.5,(<:0041>[1-9]xxxxxxxx|00x.|<0011:+>x.|[2-4]xxL4)\n2345"));
            n += Write(dir, "dialplan", "barred", Ascii("(!1900xxxxxxx|1xxxxxxxxxx)\n19005551234"));
            return n;
        }

        private static byte[] Ascii(string s) => Encoding.UTF8.GetBytes(s);

        private static byte[] Slice(byte[] b, int offset, int count)
        {
            byte[] r = new byte[count];
            Array.Copy(b, offset, r, 0, count);
            return r;
        }

        private static int IndexOf(byte[] haystack, string needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }

        private static int Write(string outDir, string target, string name, byte[] data)
        {
            string dir = Path.Combine(outDir, target);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), data);
            return 1;
        }
    }
}
