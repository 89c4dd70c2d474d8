// The office directory kept from the last-known-good provisioning, for calls between desks in local survivability.
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;

    /// <summary>
    /// Fixed-capacity table of extensions (filled from the configuration's <c>directory.&lt;ext&gt;</c> entries, which
    /// the provisioning parser has already validated as "name, a.b.c.d[:port]"). The phone keeps one: the agent's
    /// configuration holds it (<c>AgentConfig.Directory</c>) and the survivability routes read the same object.
    /// Storage is sized for nanoCLR, where every object, string and struct field is a heap block of its own: the
    /// extensions and the names are one text each (a line per entry), the desks' addresses and ports two number arrays.
    /// <see cref="Find"/> and <see cref="FindByAddress"/> allocate nothing; <see cref="Extension"/> and <see cref="Name"/>
    /// cut a string (an edge: a call in local mode, the status page).
    /// </summary>
    public sealed class OfficeDirectory
    {
        private const char Separator = '\n';

        // "202\n203\n": entry i is line i. Names likewise ("" for none); the names text may hold fewer lines.
        private string _extensions = "";
        private string _names = "";
        private int _extensionLines;
        private uint[] _addresses;
        private int[] _ports;

        /// <summary>Creates an empty directory of <paramref name="capacity"/> entries.</summary>
        public OfficeDirectory(int capacity)
        {
            _addresses = new uint[capacity];
            _ports = new int[capacity];
        }

        /// <summary>Entries in use.</summary>
        public int Count => _extensionLines < _addresses.Length ? _extensionLines : _addresses.Length;

        /// <summary>Entries the directory can hold.</summary>
        public int Capacity => _addresses.Length;

        /// <summary>Extension of entry <paramref name="index"/> (0..Count-1), as dialled ("202").</summary>
        public string Extension(int index) => Line(_extensions, index);

        /// <summary>Display name of entry <paramref name="index"/> ("Reception"), or null.</summary>
        public string Name(int index)
        {
            string name = Line(_names, index);
            return name == null || name.Length == 0 ? null : name;
        }

        /// <summary>SIP end point on the LAN of the desk of entry <paramref name="index"/>.</summary>
        public NetEndPoint EndPoint(int index) => new NetEndPoint(_addresses[index], _ports[index]);

        /// <summary>Forgets every entry (a new configuration is about to be loaded).</summary>
        public void Clear()
        {
            _extensions = "";
            _names = "";
            _extensionLines = 0;
        }

        /// <summary>
        /// Adds or replaces <paramref name="extension"/> from a directory value "name, a.b.c.d[:port]" (port 5060 when
        /// absent). False when the value does not parse or the table is full.
        /// </summary>
        public bool TryAdd(string extension, string value)
        {
            if (extension == null || extension.Length == 0 || extension.IndexOf(Separator) >= 0 || value == null) return false;
            int comma = value.LastIndexOf(',');
            if (comma <= 0) return false;
            string address = value.Substring(comma + 1).Trim();
            int colon = address.IndexOf(':');
            uint ip;
            if (!NetEndPoint.TryParseAddress(colon < 0 ? address : address.Substring(0, colon), out ip) || ip == 0) return false;
            int port = 5060;
            if (colon >= 0 && !TryParsePort(address, colon + 1, out port)) return false;
            string name = value.Substring(0, comma).Trim();
            if (name.IndexOf(Separator) >= 0) return false;
            int slot = Find(extension);
            if (slot < 0)
            {
                if (Count == _addresses.Length) return false;
                slot = Count;
                _extensions = _extensions + extension + "\n";
                _extensionLines = slot + 1;
            }
            _names = WithLine(_names, slot, name);
            _addresses[slot] = ip;
            _ports[slot] = port;
            return true;
        }

        /// <summary>Index of <paramref name="extension"/>, or -1. Compares in place: allocates nothing.</summary>
        public int Find(string extension)
        {
            if (extension == null) return -1;
            int start = 0;
            int n = Count;
            for (int i = 0; i < n; i++)
            {
                int end = Next(_extensions, start);
                if (end - start == extension.Length)
                {
                    int k = 0;
                    while (k < extension.Length && _extensions[start + k] == extension[k]) k++;
                    if (k == extension.Length) return i;
                }
                start = end + 1;
            }
            return -1;
        }

        /// <summary>Index of the entry whose desk is at <paramref name="address"/> (any port), or -1: who is calling us.</summary>
        public int FindByAddress(uint address)
        {
            int n = Count;
            for (int i = 0; i < n; i++)
            {
                if (_addresses[i] == address) return i;
            }
            return -1;
        }

        /// <summary>Replaces the extensions (entry i = element i) for a configuration built by hand; names and end points stay.</summary>
        public void SetExtensions(string[] extensions)
        {
            _extensions = Join(extensions);
            _extensionLines = extensions.Length;
        }

        /// <summary>Replaces the display names (element i names entry i; fewer names leave the rest without one).</summary>
        public void SetNames(string[] names) => _names = Join(names);

        /// <summary>Replaces the desks' end points (entry i = element i); the capacity becomes their number.</summary>
        public void SetEndPoints(NetEndPoint[] endPoints)
        {
            _addresses = new uint[endPoints.Length];
            _ports = new int[endPoints.Length];
            for (int i = 0; i < endPoints.Length; i++)
            {
                _addresses[i] = endPoints[i].Address;
                _ports[i] = endPoints[i].Port;
            }
        }

        /// <summary>The extensions as a new array (one per extension line).</summary>
        public string[] ExtensionList() => Split(_extensions, _extensionLines);

        /// <summary>The names as a new array (null for an entry without one).</summary>
        public string[] NameList()
        {
            int lines = 0;
            for (int i = 0; i < _names.Length; i++) if (_names[i] == Separator) lines++;
            string[] names = Split(_names, lines);
            for (int i = 0; i < names.Length; i++) if (names[i].Length == 0) names[i] = null;
            return names;
        }

        private static string Line(string text, int index)
        {
            int start = 0;
            for (int i = 0; i < index; i++)
            {
                start = Next(text, start) + 1;
                if (start == 0) return null;
            }
            int end = Next(text, start);
            return end < 0 ? null : text.Substring(start, end - start);
        }

        private static string[] Split(string text, int lines)
        {
            var all = new string[lines];
            int start = 0;
            for (int i = 0; i < lines; i++)
            {
                int end = Next(text, start);
                all[i] = text.Substring(start, end - start);
                start = end + 1;
            }
            return all;
        }

        private static string Join(string[] lines)
        {
            string text = "";
            for (int i = 0; i < lines.Length; i++) text = text + (lines[i] ?? "") + "\n";
            return text;
        }

        // Line index of text set to value; missing lines before it are added empty.
        private static string WithLine(string text, int index, string value)
        {
            int start = 0;
            for (int i = 0; i < index; i++)
            {
                int next = Next(text, start);
                if (next < 0)
                {
                    text = text + "\n";
                    next = text.Length - 1;
                }
                start = next + 1;
            }
            int end = Next(text, start);
            return end < 0 ? text + value + "\n" : text.Substring(0, start) + value + text.Substring(end);
        }

        // The separator at or after start, -1 when none (IndexOf is not asked past the end).
        private static int Next(string text, int start) => start < text.Length ? text.IndexOf(Separator, start) : -1;

        private static bool TryParsePort(string s, int start, out int port)
        {
            port = 0;
            if (start >= s.Length || s.Length - start > 5) return false;
            for (int i = start; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return false;
                port = port * 10 + (c - '0');
            }
            return port >= 1 && port <= 65535;
        }
    }
}
