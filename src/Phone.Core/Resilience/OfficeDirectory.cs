// The office directory kept from the last-known-good provisioning, for calls between desks in local survivability.
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;

    /// <summary>
    /// Fixed-capacity table of extensions (filled from the configuration's <c>directory.&lt;ext&gt;</c> entries, which
    /// the provisioning parser has already validated as "name, a.b.c.d[:port]"). Lookups allocate nothing. The entries
    /// are four parallel arrays (extension, name, address, port) rather than an object per entry with a
    /// <see cref="NetEndPoint"/> in it: on nanoCLR every object and every struct field is a heap block of its own.
    /// </summary>
    public sealed class OfficeDirectory
    {
        private readonly string[] _extensions;
        private readonly string[] _names;
        private readonly uint[] _addresses;
        private readonly int[] _ports;

        /// <summary>Creates an empty directory of <paramref name="capacity"/> entries.</summary>
        public OfficeDirectory(int capacity)
        {
            _extensions = new string[capacity];
            _names = new string[capacity];
            _addresses = new uint[capacity];
            _ports = new int[capacity];
        }

        /// <summary>
        /// A full directory over the agent's arrays (not copied: the phone keeps one directory). Entries run to the
        /// shorter of <paramref name="extensions"/> and <paramref name="addresses"/>; <paramref name="names"/> may be
        /// shorter (missing names read null).
        /// </summary>
        public OfficeDirectory(string[] extensions, string[] names, uint[] addresses, int[] ports)
        {
            _extensions = extensions;
            _names = names;
            _addresses = addresses;
            _ports = ports;
            int n = extensions.Length < addresses.Length ? extensions.Length : addresses.Length;
            Count = n < ports.Length ? n : ports.Length;
        }

        /// <summary>Entries in use.</summary>
        public int Count { get; private set; }

        /// <summary>Extension of entry <paramref name="index"/> (0..Count-1), as dialled ("202").</summary>
        public string Extension(int index) => _extensions[index];

        /// <summary>Display name of entry <paramref name="index"/> ("Reception"), or null.</summary>
        public string Name(int index) => index < _names.Length ? _names[index] : null;

        /// <summary>SIP end point on the LAN of the desk of entry <paramref name="index"/>.</summary>
        public NetEndPoint EndPoint(int index) => new NetEndPoint(_addresses[index], _ports[index]);

        /// <summary>Forgets every entry (a new configuration is about to be loaded).</summary>
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                _extensions[i] = null;
                if (i < _names.Length) _names[i] = null;
            }
            Count = 0;
        }

        /// <summary>
        /// Adds or replaces <paramref name="extension"/> from a directory value "name, a.b.c.d[:port]" (port 5060 when
        /// absent). False when the value does not parse or the table is full.
        /// </summary>
        public bool TryAdd(string extension, string value)
        {
            if (extension == null || extension.Length == 0 || value == null) return false;
            int comma = value.LastIndexOf(',');
            if (comma <= 0) return false;
            string address = value.Substring(comma + 1).Trim();
            int colon = address.IndexOf(':');
            uint ip;
            if (!NetEndPoint.TryParseAddress(colon < 0 ? address : address.Substring(0, colon), out ip) || ip == 0) return false;
            int port = 5060;
            if (colon >= 0 && !TryParsePort(address, colon + 1, out port)) return false;
            int slot = Find(extension);
            if (slot < 0)
            {
                if (Count == _extensions.Length || Count == _addresses.Length) return false;
                slot = Count++;
            }
            _extensions[slot] = extension;
            if (slot < _names.Length) _names[slot] = value.Substring(0, comma).Trim();
            _addresses[slot] = ip;
            _ports[slot] = port;
            return true;
        }

        /// <summary>Index of <paramref name="extension"/>, or -1.</summary>
        public int Find(string extension)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_extensions[i] == extension) return i;
            }
            return -1;
        }

        /// <summary>Index of the entry whose desk is at <paramref name="address"/> (any port), or -1: who is calling us.</summary>
        public int FindByAddress(uint address)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_addresses[i] == address) return i;
            }
            return -1;
        }

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
