// SIP parse/build throughput and allocation on the office corpus (tests/Phone.Core.Tests/Conformance/office).
namespace Phone.Bench
{
    using System;
    using System.IO;
    using BenchmarkDotNet.Attributes;
    using Phone.Core.Sip;

    /// <summary>
    /// Parses the ten office messages (REGISTER/401/200/INVITE/100/180/200/ACK/BYE/OPTIONS, ~576 bytes average) per
    /// invocation; results are per message (OperationsPerInvoke = 10), comparable with other stacks run on the same files.
    /// </summary>
    [MemoryDiagnoser]
    public class SipParseBenchmarks
    {
        private byte[][] _messages;
        private SipMessage _message;
        private SipWriter _writer;
        private byte[] _tag;

        internal static string FindCorpus(string name)
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null)
            {
                string candidate = Path.Combine(dir, "tests", "Phone.Core.Tests", "Conformance", name);
                if (Directory.Exists(candidate)) return candidate;
                dir = Path.GetDirectoryName(dir);
            }
            throw new DirectoryNotFoundException("corpus " + name + " not found above " + AppContext.BaseDirectory);
        }

        [GlobalSetup]
        public void Setup()
        {
            string[] files = Directory.GetFiles(FindCorpus("office"), "*.sip");
            Array.Sort(files, StringComparer.Ordinal);
            _messages = new byte[files.Length][];
            for (int i = 0; i < files.Length; i++) _messages[i] = File.ReadAllBytes(files[i]);
            if (_messages.Length != 10) throw new InvalidOperationException("expected 10 office messages");
            _message = new SipMessage();
            _writer = new SipWriter(new byte[4096]);
            _tag = new byte[] { (byte)'a', (byte)'b', (byte)'c', (byte)'1', (byte)'2', (byte)'3' };
            foreach (byte[] m in _messages)
            {
                if (!_message.TryParse(m, 0, m.Length)) throw new InvalidOperationException("office message rejected: " + _message.Error);
            }
        }

        /// <summary>Full validating parse of each message (start line, every header, Via/From/To/Contact/CSeq, framing).</summary>
        [Benchmark(OperationsPerInvoke = 10)]
        public int Parse()
        {
            int ok = 0;
            byte[][] msgs = _messages;
            for (int i = 0; i < msgs.Length; i++)
            {
                if (_message.TryParse(msgs[i], 0, msgs[i].Length)) ok++;
            }
            return ok;
        }

        /// <summary>Parse plus the reads a transaction layer does: top Via branch/host, tags, Call-ID, CSeq, an auth header.</summary>
        [Benchmark(OperationsPerInvoke = 10)]
        public int ParseAndRead()
        {
            int acc = 0;
            byte[][] msgs = _messages;
            SipMessage m = _message;
            for (int i = 0; i < msgs.Length; i++)
            {
                if (!m.TryParse(msgs[i], 0, msgs[i].Length)) continue;
                acc += m.Via.Branch.Length + m.Via.Host.Length + m.From.Tag.Length + m.To.Tag.Length + m.CallId.Length;
                acc += (int)m.CSeqNumber + (int)m.CSeqMethod + m.Body.Length + m.RequestUri.Host.Length;
                acc += m.FindHeader(SipHeaderId.WwwAuthenticate);
            }
            return acc;
        }

        /// <summary>Parse each message and, for requests, build the 200 response headers (RFC 3261 §8.2.6).</summary>
        [Benchmark(OperationsPerInvoke = 10)]
        public int ParseAndRespond()
        {
            int total = 0;
            byte[][] msgs = _messages;
            SipMessage m = _message;
            SipWriter w = _writer;
            for (int i = 0; i < msgs.Length; i++)
            {
                if (!m.TryParse(msgs[i], 0, msgs[i].Length) || !m.IsRequest) continue;
                w.Reset();
                w.WriteResponseHeaders(m, 200, "OK", _tag, 0, _tag.Length, false);
                w.EndWithoutBody();
                total += w.Length;
            }
            return total;
        }
    }
}
