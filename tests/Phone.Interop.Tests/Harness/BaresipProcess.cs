// baresip 1.0 as a far-end user agent: own config dir, auto-answer, WAV source (aufile), recordings (sndfile), ctrl_tcp.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.IO;
    using System.Linq;
    using System.Net.Sockets;
    using System.Text;

    /// <summary>
    /// One baresip with one account registered to a Kamailio (or none), answering automatically, playing
    /// <see cref="SourceWav"/> into every call and recording decoded/encoded audio under <see cref="RecordingDir"/>.
    /// </summary>
    public sealed class BaresipProcess : IDisposable
    {
        private readonly PeerProcess _process;
        private readonly string _dir;

        /// <summary>Starts baresip for <paramref name="user"/> at 127.0.0.1:<paramref name="registrarPort"/> (registered unless <paramref name="register"/> is false).</summary>
        public BaresipProcess(string user, string password, int registrarPort, string codec, short[] sourceSamples, bool register = true)
        {
            _dir = Peers.ScratchDir("baresip-" + user);
            SipPort = FreePorts.Get(alsoNext: true);
            CtrlPort = FreePorts.Get();
            int rtp = FreePorts.Get(alsoNext: true) & ~1;
            RecordingDir = Path.Combine(_dir, "rec");
            Directory.CreateDirectory(RecordingDir);
            SourceWav = Path.Combine(_dir, "source.wav");
            Wav.Write(SourceWav, sourceSamples, 8000);
            string config = File.ReadAllText(Peers.File("baresip.config"))
                .Replace("@SIP_PORT@", SipPort.ToString())
                .Replace("@CTRL_PORT@", CtrlPort.ToString())
                .Replace("@RTP_LOW@", rtp.ToString())
                .Replace("@RTP_HIGH@", (rtp + 1).ToString())
                .Replace("@SOURCE_WAV@", SourceWav)
                .Replace("@REC_DIR@", RecordingDir);
            File.WriteAllText(Path.Combine(_dir, "config"), config);
            File.WriteAllText(Path.Combine(_dir, "accounts"),
                "<sip:" + user + "@127.0.0.1:" + registrarPort + ">;auth_pass=" + password +
                ";answermode=auto;regint=" + (register ? "60" : "0") + ";audio_codecs=" + codec + "\n");
            // SIGTERM makes baresip unregister (Expires: 0) before exiting, so Kamailio keeps no stale contact.
            _process = new PeerProcess("baresip", "-f " + _dir, _dir, 2000);
            if (!_process.WaitForOutput("baresip is ready", 10000))
            {
                string output = _process.Output;
                Dispose();
                throw new InvalidOperationException("baresip did not start:\n" + output);
            }
        }

        /// <summary>SIP UDP port baresip listens on.</summary>
        public int SipPort { get; }

        /// <summary>ctrl_tcp port (netstring JSON commands).</summary>
        public int CtrlPort { get; }

        /// <summary>WAV baresip sends into calls.</summary>
        public string SourceWav { get; }

        /// <summary>Where sndfile writes dump-*-enc.wav (sent) and dump-*-dec.wav (received).</summary>
        public string RecordingDir { get; }

        /// <summary>The process (for its output).</summary>
        public PeerProcess Process => _process;

        /// <summary>Waits for the registrar's 200 to baresip's REGISTER.</summary>
        public bool WaitRegistered(int timeoutMs) => _process.WaitForOutput("200 OK", timeoutMs) && _process.Output.Contains("binding]", StringComparison.Ordinal);

        /// <summary>The newest recording whose name ends with <paramref name="suffix"/> ("enc.wav" or "dec.wav"), or null.</summary>
        public string Recording(string suffix) =>
            Directory.GetFiles(RecordingDir, "*" + suffix).OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();

        /// <summary>Sends one ctrl_tcp command (netstring-framed JSON) and returns the response JSON.</summary>
        public string Command(string command, string parameters, int timeoutMs = 3000)
        {
            using var client = new TcpClient("127.0.0.1", CtrlPort);
            client.ReceiveTimeout = timeoutMs;
            var stream = client.GetStream();
            string json = "{\"command\":\"" + command + "\",\"params\":\"" + parameters + "\",\"token\":\"t1\"}";
            byte[] frame = Encoding.ASCII.GetBytes(json.Length + ":" + json + ",");
            stream.Write(frame, 0, frame.Length);
            var buffer = new byte[8192];
            var text = new StringBuilder();
            // Events share the connection: read netstrings until the one answering our token.
            while (true)
            {
                int n = stream.Read(buffer, 0, buffer.Length);
                if (n <= 0) throw new IOException("ctrl_tcp closed:\n" + text);
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                string all = text.ToString();
                int at = all.IndexOf("\"response\":true", StringComparison.Ordinal);
                if (at >= 0 && all.IndexOf(',', at) > 0) return all;
            }
        }

        /// <summary>Dials <paramref name="uri"/> (menu command "dial"); throws when baresip refuses.</summary>
        public void Dial(string uri) => Ok(Command("dial", uri));

        /// <summary>Hangs up the current call ("hangup").</summary>
        public void Hangup() => Ok(Command("hangup", string.Empty));

        /// <summary>Puts the current call on hold ("hold": re-INVITE a=sendonly).</summary>
        public void Hold() => Ok(Command("hold", string.Empty));

        /// <summary>Resumes the current call ("resume": re-INVITE a=sendrecv).</summary>
        public void Resume() => Ok(Command("resume", string.Empty));

        /// <summary>Blind-transfers the current call to <paramref name="uri"/> ("transfer": REFER, RFC 3515).</summary>
        public void Transfer(string uri) => Ok(Command("transfer", uri));

        /// <summary>Sends one DTMF digit in the current call ("sndcode": RFC 4733 telephone-event).</summary>
        public void SendDtmf(char digit) => Ok(Command("sndcode", digit.ToString()));

        /// <summary>
        /// Digits baresip reports as received, in order, one per key press: baresip 1.0 logs each RFC 4733 event as
        /// "received event: 'x' (end=0)" when it starts and "(end=1)" when it ends; the end notices are counted.
        /// </summary>
        public string ReceivedDtmf
        {
            get
            {
                var digits = new StringBuilder();
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(_process.Output, "received event: '(.)' \\(end=1\\)"))
                    digits.Append(m.Groups[1].Value);
                return digits.ToString();
            }
        }

        /// <summary>Waits for baresip to report an established call.</summary>
        public bool WaitEstablished(int timeoutMs) => _process.WaitForOutput("Call established", timeoutMs);

        private void Ok(string reply)
        {
            if (!reply.Contains("\"ok\":true", StringComparison.Ordinal)) throw new InvalidOperationException("baresip refused: " + reply + "\n" + _process.Output);
        }

        /// <summary>Stops baresip (it unregisters first) and removes its directory.</summary>
        public void Dispose()
        {
            _process.Dispose();
            Peers.RemoveDir(_dir);
        }
    }
}
