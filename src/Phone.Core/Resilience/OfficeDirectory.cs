// The office directory kept from the last-known-good provisioning, for calls between desks in local survivability.
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;

    /// <summary>
    /// Fixed-capacity table of extensions (filled from the configuration's <c>directory.&lt;ext&gt;</c> entries, which
    /// the provisioning parser has already validated as "name, a.b.c.d[:port]"). Lookups allocate nothing.
    /// </summary>
    public sealed class OfficeDirectory
    {
        private readonly DirectoryEntry[] _entries;

        /// <summary>Creates an empty directory of <paramref name="capacity"/> entries.</summary>
        public OfficeDirectory(int capacity)
        {
            _entries = new DirectoryEntry[capacity];
            for (int i = 0; i < capacity; i++) _entries[i] = new DirectoryEntry();
        }

        /// <summary>Entries in use.</summary>
        public int Count { get; private set; }

        /// <summary>Entry <paramref name="index"/> (0..Count-1).</summary>
        public DirectoryEntry Get(int index) => _entries[index];

        /// <summary>Forgets every entry (a new configuration is about to be loaded).</summary>
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                _entries[i].Extension = null;
                _entries[i].Name = null;
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
                if (Count == _entries.Length) return false;
                slot = Count++;
            }
            DirectoryEntry e = _entries[slot];
            e.Extension = extension;
            e.Name = value.Substring(0, comma).Trim();
            e.EndPoint = new NetEndPoint(ip, port);
            return true;
        }

        /// <summary>Index of <paramref name="extension"/>, or -1.</summary>
        public int Find(string extension)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_entries[i].Extension == extension) return i;
            }
            return -1;
        }

        /// <summary>Index of the entry whose desk is at <paramref name="address"/> (any port), or -1: who is calling us.</summary>
        public int FindByAddress(uint address)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_entries[i].EndPoint.Address == address) return i;
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
