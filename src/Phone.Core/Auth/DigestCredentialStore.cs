// Fixed table of SIP Digest credentials per realm (RFC 3261 §22.1: credentials are chosen by realm).
namespace Phone.Core.Auth
{
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>
    /// Username/password per realm, sized at start-up. Passwords are kept as UTF-8 bytes so they can be wiped,
    /// and are never returned as strings or shown by <see cref="ToString"/>. A null or empty realm is a fallback
    /// entry used for any realm without its own entry.
    /// </summary>
    public sealed class DigestCredentialStore
    {
        private readonly string[] _realms;
        private readonly string[] _usernames;
        private readonly byte[][] _passwords;
        private readonly bool[] _used;

        /// <summary>Creates an empty store for at most <paramref name="capacity"/> realms.</summary>
        public DigestCredentialStore(int capacity)
        {
            _realms = new string[capacity];
            _usernames = new string[capacity];
            _passwords = new byte[capacity][];
            _used = new bool[capacity];
        }

        /// <summary>Maximum number of entries.</summary>
        public int Capacity => _used.Length;

        /// <summary>Entries in use.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _used.Length; i++) if (_used[i]) n++;
                return n;
            }
        }

        /// <summary>
        /// Adds or replaces the credentials for a realm (null/empty = any realm). False when the table is full
        /// or the username is empty. Configuration-time call: allocates the password copy.
        /// </summary>
        public bool Set(string realm, string username, string password)
        {
            if (username == null || username.Length == 0) return false;
            if (realm != null && realm.Length == 0) realm = null;
            int slot = FindExact(realm);
            if (slot < 0)
            {
                for (int i = 0; i < _used.Length; i++)
                {
                    if (!_used[i])
                    {
                        slot = i;
                        break;
                    }
                }
                if (slot < 0) return false;
            }
            else
            {
                WipeSlot(slot);
            }
            byte[] pw = new byte[Utf8.ByteCount(password)];
            Utf8.GetBytes(password, pw, 0);
            _realms[slot] = realm;
            _usernames[slot] = username;
            _passwords[slot] = pw;
            _used[slot] = true;
            return true;
        }

        /// <summary>Removes the entry for a realm; false when absent.</summary>
        public bool Remove(string realm)
        {
            if (realm != null && realm.Length == 0) realm = null;
            int slot = FindExact(realm);
            if (slot < 0) return false;
            WipeSlot(slot);
            return true;
        }

        /// <summary>Wipes every password and empties the table.</summary>
        public void Clear()
        {
            for (int i = 0; i < _used.Length; i++) if (_used[i]) WipeSlot(i);
        }

        /// <summary>Entry index for a challenge realm (exact, case-sensitive match first, then the fallback), or -1.</summary>
        public int Find(string realm)
        {
            int exact = FindExact(realm);
            return exact >= 0 ? exact : FindExact(null);
        }

        /// <summary>Username of an entry.</summary>
        public string Username(int index) => _used[index] ? _usernames[index] : null;

        /// <summary>Configured realm of an entry (null for the fallback).</summary>
        public string Realm(int index) => _used[index] ? _realms[index] : null;

        // Internal so that only the Digest code in this assembly can read the secret.
        internal byte[] PasswordBytes(int index) => _passwords[index];

        private int FindExact(string realm)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _realms[i] == realm) return i;
            }
            return -1;
        }

        private void WipeSlot(int i)
        {
            byte[] pw = _passwords[i];
            if (pw != null) CryptoBytes.Wipe(pw, 0, pw.Length);
            _passwords[i] = null;
            _realms[i] = null;
            _usernames[i] = null;
            _used[i] = false;
        }

        /// <summary>Realms and usernames only; passwords are never printed.</summary>
        public override string ToString()
        {
            string s = "DigestCredentialStore[";
            bool first = true;
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i]) continue;
                s += (first ? "" : ", ") + (_realms[i] ?? "*") + ":" + _usernames[i] + ":***";
                first = false;
            }
            return s + "]";
        }
    }
}
