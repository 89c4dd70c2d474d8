// Test-side DNS message builder (independent of the code under test), with name compression for the answer names.
namespace Phone.Core.Tests.Dns
{
    using System.Collections.Generic;
    using System.Text;

    internal sealed class DnsWire
    {
        private readonly List<byte> _bytes = new List<byte>();
        private readonly Dictionary<string, int> _names = new Dictionary<string, int>();

        public static byte[] Response(int id, string question, int qtype, int rcode, bool truncated,
            IList<(string Name, int Type, int Ttl, object Data)> answers,
            IList<(string Name, int Type, int Ttl, object Data)> additional)
        {
            var w = new DnsWire();
            w.U16(id);
            w.U16(0x8180 | (truncated ? 0x0200 : 0) | rcode); // QR, RD, RA
            w.U16(1); w.U16(answers.Count); w.U16(0); w.U16(additional.Count);
            w.Name(question); w.U16(qtype); w.U16(1);
            foreach (var rr in answers) w.Record(rr);
            foreach (var rr in additional) w.Record(rr);
            return w._bytes.ToArray();
        }

        public static (int Id, string Name, int Type) ParseQuery(byte[] q)
        {
            int id = (q[0] << 8) | q[1];
            var sb = new StringBuilder();
            int p = 12;
            while (q[p] != 0)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(Encoding.ASCII.GetString(q, p + 1, q[p]));
                p += q[p] + 1;
            }
            return (id, sb.ToString(), (q[p + 1] << 8) | q[p + 2]);
        }

        private void Record((string Name, int Type, int Ttl, object Data) rr)
        {
            Name(rr.Name); U16(rr.Type); U16(1);
            U16((rr.Ttl >> 16) & 0xFFFF); U16(rr.Ttl & 0xFFFF);
            int lengthAt = _bytes.Count;
            U16(0);
            int start = _bytes.Count;
            if (rr.Type == 1)
            {
                _bytes.AddRange((byte[])rr.Data);
            }
            else
            {
                var (priority, weight, port, target) = ((int, int, int, string))rr.Data;
                U16(priority); U16(weight); U16(port); Name(target);
            }
            int length = _bytes.Count - start;
            _bytes[lengthAt] = (byte)(length >> 8);
            _bytes[lengthAt + 1] = (byte)length;
        }

        private void Name(string name)
        {
            string rest = name.TrimEnd('.');
            while (rest.Length > 0)
            {
                if (_names.TryGetValue(rest.ToLowerInvariant(), out int at))
                {
                    U16(0xC000 | at);
                    return;
                }
                if (_bytes.Count < 0x3FFF) _names[rest.ToLowerInvariant()] = _bytes.Count;
                int dot = rest.IndexOf('.');
                string label = dot < 0 ? rest : rest.Substring(0, dot);
                _bytes.Add((byte)label.Length);
                _bytes.AddRange(Encoding.ASCII.GetBytes(label));
                rest = dot < 0 ? "" : rest.Substring(dot + 1);
            }
            _bytes.Add(0);
        }

        private void U16(int v)
        {
            _bytes.Add((byte)(v >> 8));
            _bytes.Add((byte)v);
        }
    }
}
