// A set of configuration values (key → normalised text) held as one UTF-8 block, typed access with schema defaults, canonical text form.
namespace Phone.Core.Provisioning
{
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>
    /// Configuration values keyed by name. Values are stored already checked and normalised by
    /// <see cref="ConfigParser"/>; absent keys read as the schema default. Every entry lives in one byte block
    /// (key length, key UTF-8, value length, value UTF-8, back to back in insertion order), so a configuration of a
    /// hundred keys costs its text and a few bytes per entry instead of two strings and two table slots each on the
    /// nanoCLR heap. The string accessors build their result on demand: configuration time only, never a call path.
    /// </summary>
    public sealed class ProvisioningConfig
    {
        /// <summary>Most keys one configuration holds.</summary>
        public const int Capacity = 256;

        /// <summary>Longest key, in UTF-8 bytes (its length takes one byte of the block).</summary>
        public const int MaxKeyBytes = 255;

        /// <summary>Longest value, in UTF-8 bytes (its length takes two bytes of the block).</summary>
        public const int MaxValueBytes = 65535;

        /// <summary>
        /// Start of a PEM value replaced by its fingerprint ("sha256:" and the lower-case hex SHA-256 of the PEM's
        /// UTF-8 text), see <see cref="KeepPemFingerprint"/>. No PEM value starts so ("-----BEGIN " or empty).
        /// </summary>
        public const string FingerprintPrefix = "sha256:";

        // Grown only while a configuration is parsed or merged; MergeFrom trims it to the bytes in use, so the
        // configuration in force holds no slack.
        private const int InitialBytes = 256;

        private byte[] _block; // null while empty
        private int _length;
        private int _count;

        // Where entry _cursorIndex starts: KeyAt/ValueAt walked in order cost one step each, not a scan from the start.
        private int _cursorIndex;
        private int _cursorOffset;

        /// <summary>Number of keys set.</summary>
        public int Count => _count;

        /// <summary>Bytes of the block in use (keys, values and three length bytes per entry).</summary>
        public int ByteLength => _length;

        /// <summary>Name of the i-th key set (insertion order); a new string.</summary>
        public string KeyAt(int i)
        {
            int p = EntryAt(i);
            return Utf8.GetString(_block, p + 1, _block[p]);
        }

        /// <summary>Value of the i-th key set; a new string.</summary>
        public string ValueAt(int i)
        {
            int v = ValueOf(EntryAt(i));
            return Utf8.GetString(_block, v + 2, ValueLength(v));
        }

        /// <summary>
        /// Sets or replaces a value (a replaced key keeps its place in the order); false when the configuration is
        /// full, or the key or the value is longer than <see cref="MaxKeyBytes"/> / <see cref="MaxValueBytes"/>.
        /// </summary>
        public bool Set(string key, string value)
        {
            if (key == null) return false;
            if (value == null) value = "";
            int kn = Utf8.ByteCount(key), vn = Utf8.ByteCount(value);
            if (kn > MaxKeyBytes || vn > MaxValueBytes) return false;
            int p = Find(key);
            if (p < 0)
            {
                if (_count == Capacity) return false;
                p = Append(kn, vn);
                Utf8.GetBytes(key, _block, p + 1);
            }
            else
            {
                Resize(p, vn);
            }
            Utf8.GetBytes(value, _block, ValueOf(p) + 2);
            return true;
        }

        /// <summary>True when <paramref name="key"/> is set (a default does not count).</summary>
        public bool Contains(string key) => key != null && Find(key) >= 0;

        /// <summary>The value set for <paramref name="key"/>, or null when it is not set.</summary>
        public string Get(string key)
        {
            int p = key == null ? -1 : Find(key);
            if (p < 0) return null;
            int v = ValueOf(p);
            return Utf8.GetString(_block, v + 2, ValueLength(v));
        }

        /// <summary>The value of <paramref name="key"/>, else its schema default, else "".</summary>
        public string GetString(string key)
        {
            string v = Get(key);
            if (v != null) return v;
            ConfigKey d = ConfigSchema.Find(key);
            return d != null ? d.Default : "";
        }

        /// <summary>The integer value of <paramref name="key"/> (or its default); 0 when it is not a number.</summary>
        public int GetInt(string key)
        {
            int v;
            return ConfigValues.TryParseInt(GetString(key), out v) ? v : 0;
        }

        /// <summary>The boolean value of <paramref name="key"/> (or its default).</summary>
        public bool GetBool(string key)
        {
            int p = key == null ? -1 : Find(key);
            if (p < 0) return GetString(key) == "true";
            int v = ValueOf(p);
            return ConfigUtf8.Matches("true", _block, v + 2, ValueLength(v));
        }

        /// <summary>
        /// Replaces the PEM set for <paramref name="key"/> by its fingerprint (<see cref="FingerprintPrefix"/> + 64 hex
        /// digits): the configuration in force keeps 71 bytes instead of a CA certificate of 1-2 KB once the HTTPS port
        /// holds the certificate and the stored configuration its text. Comparisons treat a PEM and its fingerprint as
        /// the same value, so a resync that brings the same CA changes nothing. False when the key holds no PEM (not set,
        /// empty, another kind of value, or already a fingerprint).
        /// </summary>
        public bool KeepPemFingerprint(string key)
        {
            int p = key == null ? -1 : Find(key);
            if (p < 0) return false;
            int v = ValueOf(p), n = ValueLength(v);
            if (n < 11 || !ConfigUtf8.Matches("-----BEGIN ", _block, v + 2, 11)) return false;
            byte[] hash = new byte[32];
            Sha256.Hash(_block, v + 2, n, hash, 0);
            Resize(p, FingerprintPrefix.Length + 64);
            v = ValueOf(p) + 2;
            v += Utf8.GetBytes(FingerprintPrefix, _block, v);
            WriteHex(hash, _block, v);
            Trim();
            return true;
        }

        /// <summary>Copies every value of <paramref name="other"/> over this one (other wins).</summary>
        public bool MergeFrom(ProvisioningConfig other)
        {
            if (other == this || other._count == 0) return true;
            if (_count == 0)
            {
                _block = new byte[other._length];
                System.Array.Copy(other._block, 0, _block, 0, other._length);
                _length = other._length;
                _count = other._count;
                ResetCursor();
                return true;
            }
            bool ok = true;
            for (int i = 0, q = 0; i < other._count; i++, q = other.Next(q))
            {
                int kn = other._block[q];
                int ov = other.ValueOf(q), vn = other.ValueLength(ov);
                int p = FindRaw(other._block, q + 1, kn);
                if (p < 0)
                {
                    if (_count == Capacity) { ok = false; break; }
                    p = Append(kn, vn);
                    System.Array.Copy(other._block, q + 1, _block, p + 1, kn);
                }
                else
                {
                    Resize(p, vn);
                }
                System.Array.Copy(other._block, ov + 2, _block, ValueOf(p) + 2, vn);
            }
            Trim();
            return ok;
        }

        /// <summary>A copy of this configuration.</summary>
        public ProvisioningConfig Clone()
        {
            var copy = new ProvisioningConfig();
            copy.MergeFrom(this);
            return copy;
        }

        /// <summary>
        /// The areas whose effective values (set value or default) differ between this and <paramref name="other"/>.
        /// </summary>
        public ConfigChanges Compare(ProvisioningConfig other)
        {
            ConfigChanges changes = ConfigChanges.None;
            for (int i = 0, p = 0; i < _count; i++, p = Next(p))
            {
                if (!SameEffective(_block, p, this, other)) changes |= AreaOf(_block, p);
            }
            for (int i = 0, q = 0; i < other._count; i++, q = other.Next(q))
            {
                // Keys set on both sides were compared above.
                if (FindRaw(other._block, q + 1, other._block[q]) < 0 && !SameEffective(other._block, q, this, other)) changes |= AreaOf(other._block, q);
            }
            return changes;
        }

        /// <summary>True when any account.<paramref name="n"/>.* value differs from <paramref name="other"/>.</summary>
        public bool AccountDiffers(ProvisioningConfig other, int n)
        {
            string prefix = "account." + n.ToString() + ".";
            for (int i = 0, p = 0; i < _count; i++, p = Next(p))
            {
                if (StartsWith(_block, p, prefix) && !SameEffective(_block, p, this, other)) return true;
            }
            for (int i = 0, q = 0; i < other._count; i++, q = other.Next(q))
            {
                if (StartsWith(other._block, q, prefix) && FindRaw(other._block, q + 1, other._block[q]) < 0
                    && !SameEffective(other._block, q, this, other)) return true;
            }
            return false;
        }

        /// <summary>
        /// True when <paramref name="key"/> has the same effective value (set value or default; a PEM and its
        /// fingerprint count as the same) here and in <paramref name="other"/>.
        /// </summary>
        public bool SameValue(string key, ProvisioningConfig other)
        {
            int kn = Utf8.ByteCount(key);
            if (kn > MaxKeyBytes) return true; // such a key is never set on either side
            byte[] entry = new byte[1 + kn];
            entry[0] = (byte)kn;
            Utf8.GetBytes(key, entry, 1);
            return SameEffective(entry, 0, this, other);
        }

        /// <summary>True when both configurations have the same effective values.</summary>
        public bool SameAs(ProvisioningConfig other) => Compare(other) == ConfigChanges.None;

        /// <summary>
        /// Writes the canonical text form ("config.version = 1", then every key in insertion order, quoted where
        /// needed, PEM over several lines) to buffer[offset ..]; returns its length or -1 when it does not fit.
        /// Parsing the output gives back an equal configuration.
        /// </summary>
        public int Serialize(byte[] buffer, int offset)
        {
            int p = offset;
            string version = Get(ConfigSchema.VersionKey);
            // A PEM kept as its fingerprint cannot be written back: it becomes a comment (and reads back as no CA).
            p = Append(buffer, p, ConfigSchema.VersionKey + " = " + (version ?? ConfigSchema.SupportedMajor.ToString()) + "\n");
            if (p < 0) return -1;
            for (int i = 0, e = 0; i < _count; i++, e = Next(e))
            {
                int kn = _block[e];
                if (ConfigUtf8.Matches(ConfigSchema.VersionKey, _block, e + 1, kn)) continue;
                int v = ValueOf(e), vn = ValueLength(v);
                ConfigKey d = ConfigSchema.Find(Utf8.GetString(_block, e + 1, kn));
                bool raw = d != null && d.Type == ConfigKeyType.Pem && vn > 0;
                if (raw && IsFingerprint(_block, v)) p = Append(buffer, p, "# ");
                p = Copy(buffer, p, _block, e + 1, kn);
                p = Append(buffer, p, " = ");
                p = raw ? Copy(buffer, p, _block, v + 2, vn) : Quoted(buffer, p, _block, v + 2, vn);
                p = Append(buffer, p, "\n");
                if (p < 0) return -1;
            }
            return p - offset;
        }

        private static int Append(byte[] buffer, int p, string s)
        {
            if (p < 0) return -1;
            int n = ConfigUtf8.Encode(s, buffer, p);
            return n < 0 ? -1 : p + n;
        }

        private static int Copy(byte[] buffer, int p, byte[] src, int offset, int count)
        {
            if (p < 0 || p + count > buffer.Length) return -1;
            System.Array.Copy(src, offset, buffer, p, count);
            return p + count;
        }

        // ConfigValues.Quote on the UTF-8 form: quoted when empty, with a space, tab or quote at an end that trimming
        // or the quote syntax would eat, or with '#', '"' or '\' inside (all ASCII, never inside a multi-byte sequence).
        private static int Quoted(byte[] buffer, int p, byte[] src, int offset, int count)
        {
            if (p < 0) return -1;
            bool needs = count == 0 || src[offset] == ' ' || src[offset] == '\t' || src[offset] == '"'
                || src[offset + count - 1] == ' ' || src[offset + count - 1] == '\t';
            for (int i = 0; i < count && !needs; i++)
            {
                byte b = src[offset + i];
                if (b == '#' || b == '"' || b == '\\') needs = true;
            }
            if (!needs) return Copy(buffer, p, src, offset, count);
            if (p >= buffer.Length) return -1;
            buffer[p++] = (byte)'"';
            for (int i = 0; i < count; i++)
            {
                byte b = src[offset + i];
                if (b == '"' || b == '\\')
                {
                    if (p >= buffer.Length) return -1;
                    buffer[p++] = (byte)'\\';
                }
                if (p >= buffer.Length) return -1;
                buffer[p++] = b;
            }
            if (p >= buffer.Length) return -1;
            buffer[p++] = (byte)'"';
            return p;
        }

        // The key of the entry at block[entry] has the same effective value (set value, else default) in a and b.
        private static bool SameEffective(byte[] block, int entry, ProvisioningConfig a, ProvisioningConfig b)
        {
            int kn = block[entry];
            int pa = a.FindRaw(block, entry + 1, kn), pb = b.FindRaw(block, entry + 1, kn);
            if (pa < 0 && pb < 0) return true;
            if (pa >= 0 && pb >= 0)
            {
                int va = a.ValueOf(pa), vb = b.ValueOf(pb);
                int n = a.ValueLength(va);
                bool same = n == b.ValueLength(vb);
                for (int i = 0; i < n && same; i++)
                {
                    if (a._block[va + 2 + i] != b._block[vb + 2 + i]) same = false;
                }
                if (same) return true;
                if (IsFingerprint(a._block, va)) return !IsFingerprint(b._block, vb) && FingerprintOf(b._block, vb, a._block, va);
                return IsFingerprint(b._block, vb) && FingerprintOf(a._block, va, b._block, vb);
            }
            ConfigKey d = ConfigSchema.Find(Utf8.GetString(block, entry + 1, kn));
            string fallback = d != null ? d.Default : "";
            ProvisioningConfig set = pa >= 0 ? a : b;
            int v = set.ValueOf(pa >= 0 ? pa : pb);
            return ConfigUtf8.Matches(fallback, set._block, v + 2, set.ValueLength(v));
        }

        // The value at block[value] (length bytes first) is a fingerprint left by KeepPemFingerprint.
        private static bool IsFingerprint(byte[] block, int value)
        {
            int n = (block[value] << 8) | block[value + 1];
            return n == FingerprintPrefix.Length + 64 && ConfigUtf8.Matches(FingerprintPrefix, block, value + 2, FingerprintPrefix.Length);
        }

        // True when the fingerprint at print[printValue] is that of the PEM at pem[pemValue] (both with length bytes).
        private static bool FingerprintOf(byte[] pem, int pemValue, byte[] print, int printValue)
        {
            byte[] hash = new byte[32];
            Sha256.Hash(pem, pemValue + 2, (pem[pemValue] << 8) | pem[pemValue + 1], hash, 0);
            byte[] hex = new byte[64];
            WriteHex(hash, hex, 0);
            int at = printValue + 2 + FingerprintPrefix.Length;
            for (int i = 0; i < 64; i++)
            {
                if (print[at + i] != hex[i]) return false;
            }
            return true;
        }

        private static void WriteHex(byte[] bytes, byte[] to, int offset)
        {
            const string Digits = "0123456789abcdef";
            for (int i = 0; i < bytes.Length; i++)
            {
                to[offset + 2 * i] = (byte)Digits[bytes[i] >> 4];
                to[offset + 2 * i + 1] = (byte)Digits[bytes[i] & 15];
            }
        }

        private static ConfigChanges AreaOf(byte[] block, int entry)
        {
            ConfigKey d = ConfigSchema.Find(Utf8.GetString(block, entry + 1, block[entry]));
            return d != null ? d.Area : ConfigChanges.None;
        }

        private static bool StartsWith(byte[] block, int entry, string prefix)
        {
            int kn = block[entry];
            return kn >= prefix.Length && ConfigUtf8.Matches(prefix, block, entry + 1, prefix.Length);
        }

        private int ValueOf(int entry) => entry + 1 + _block[entry];

        private int ValueLength(int value) => (_block[value] << 8) | _block[value + 1];

        private int Next(int entry)
        {
            int v = ValueOf(entry);
            return v + 2 + ValueLength(v);
        }

        private int EntryAt(int i)
        {
            if (i < 0 || i >= _count) throw new System.IndexOutOfRangeException();
            if (i < _cursorIndex) ResetCursor();
            while (_cursorIndex < i)
            {
                _cursorOffset = Next(_cursorOffset);
                _cursorIndex++;
            }
            return _cursorOffset;
        }

        private void ResetCursor()
        {
            _cursorIndex = 0;
            _cursorOffset = 0;
        }

        private int Find(string key)
        {
            for (int i = 0, p = 0; i < _count; i++, p = Next(p))
            {
                if (ConfigUtf8.Matches(key, _block, p + 1, _block[p])) return p;
            }
            return -1;
        }

        private int FindRaw(byte[] key, int offset, int count)
        {
            for (int i = 0, p = 0; i < _count; i++, p = Next(p))
            {
                if (_block[p] != count) continue;
                int k = 0;
                while (k < count && _block[p + 1 + k] == key[offset + k]) k++;
                if (k == count) return p;
            }
            return -1;
        }

        // A new entry at the end with room for its key and value; the caller writes both.
        private int Append(int keyBytes, int valueBytes)
        {
            int p = _length;
            Ensure(_length + 3 + keyBytes + valueBytes);
            _block[p] = (byte)keyBytes;
            int v = p + 1 + keyBytes;
            _block[v] = (byte)(valueBytes >> 8);
            _block[v + 1] = (byte)valueBytes;
            _length += 3 + keyBytes + valueBytes;
            _count++;
            return p;
        }

        // Gives the entry at block[entry] room for a value of valueBytes, moving the entries after it; the caller writes it.
        private void Resize(int entry, int valueBytes)
        {
            int v = ValueOf(entry);
            int old = ValueLength(v);
            int delta = valueBytes - old;
            if (delta != 0)
            {
                Ensure(_length + delta);
                v = ValueOf(entry);
                int from = v + 2 + old, count = _length - from;
                // An overlapping move within one array: copy in the direction that reads each byte before it is overwritten.
                if (delta > 0)
                {
                    for (int i = count - 1; i >= 0; i--) _block[from + delta + i] = _block[from + i];
                }
                else
                {
                    for (int i = 0; i < count; i++) _block[from + delta + i] = _block[from + i];
                }
                _length += delta;
                ResetCursor();
            }
            _block[v] = (byte)(valueBytes >> 8);
            _block[v + 1] = (byte)valueBytes;
        }

        private void Ensure(int bytes)
        {
            if (_block != null && _block.Length >= bytes) return;
            int size = _block == null ? InitialBytes : _block.Length * 2;
            if (size < bytes) size = bytes;
            byte[] grown = new byte[size];
            if (_block != null) System.Array.Copy(_block, 0, grown, 0, _length);
            _block = grown;
        }

        private void Trim()
        {
            if (_block == null || _block.Length == _length) return;
            byte[] exact = new byte[_length];
            System.Array.Copy(_block, 0, exact, 0, _length);
            _block = exact;
        }
    }
}
