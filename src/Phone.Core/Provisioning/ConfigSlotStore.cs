// Power-cut-safe record on a non-atomic store: two slots (A/B) with sequence numbers and CRCs; the newest valid wins.
namespace Phone.Core.Provisioning
{
    using Phone.Core.Ports;

    /// <summary>
    /// Keeps the last-known-good copy of a record so that a power cut at any byte of any write leaves either the
    /// old or the new content readable, never a mix and never nothing once something was stored.
    /// Layout of each slot: "PCF1", sequence (u32 LE), length (u32 LE), CRC-32 of content, CRC-32 of the 16 header
    /// bytes, then the content. A save writes only the inactive slot, reads it back, and only then counts it as
    /// active (by its higher sequence); the active slot is never written, so it survives whatever happens.
    /// </summary>
    public sealed class ConfigSlotStore
    {
        /// <summary>Bytes of slot header before the content.</summary>
        public const int HeaderLength = 20;

        private const uint Magic = 0x31464350; // "PCF1" read little-endian

        private readonly ISettingsStore _store;
        private readonly string _prefix; // records "<prefix>.a" and "<prefix>.b", named on each access (no strings held)
        private readonly int _maxContent;
        private byte[] _record; // the only buffer: built, written, then read back into for verification
        private int _active = -1;
        private uint _sequence;
        private bool _loaded;

        /// <summary>
        /// Creates the store over records "&lt;prefix&gt;.a" and "&lt;prefix&gt;.b" holding up to
        /// <paramref name="maxContent"/> bytes; buffers are allocated here, once.
        /// </summary>
        public ConfigSlotStore(ISettingsStore store, string prefix, int maxContent)
            : this(store, prefix, maxContent, new byte[HeaderLength + maxContent])
        {
        }

        /// <summary>
        /// Creates the store over <paramref name="buffer"/> (at least <see cref="HeaderLength"/> + maxContent bytes),
        /// which the caller may share with other users that never need it at the same time (on the device: the
        /// other slot store and the HTTPS response body).
        /// </summary>
        public ConfigSlotStore(ISettingsStore store, string prefix, int maxContent, byte[] buffer)
        {
            if (buffer == null || buffer.Length < HeaderLength + maxContent) throw new System.ArgumentException("buffer");
            _store = store;
            _prefix = prefix;
            _maxContent = maxContent;
            _record = buffer;
        }

        /// <summary>Sequence number of the active slot (0 when none is valid).</summary>
        public uint Sequence => _sequence;

        /// <summary>Index of the active slot: 0 = A, 1 = B, -1 = none.</summary>
        public int ActiveSlot => _active;

        /// <summary>
        /// Picks the valid slot with the highest sequence and copies its content to <paramref name="into"/> (which must not be this store's own buffer) at
        /// <paramref name="offset"/> (room for maxContent bytes needed; null only selects the slot). Returns the content length, or -1 when no
        /// slot is valid (then the caller falls back to factory defaults).
        /// </summary>
        public int Load(byte[] into, int offset)
        {
            _loaded = true;
            _active = -1;
            _sequence = 0;
            int bestLength = -1;
            for (int slot = 0; slot < 2; slot++)
            {
                int length;
                uint sequence;
                if (!ReadValid(slot, out length, out sequence)) continue;
                if (_active >= 0 && !IsNewer(sequence, _sequence)) continue;
                _active = slot;
                _sequence = sequence;
                bestLength = length;
                if (into != null) System.Array.Copy(_record, HeaderLength, into, offset, length);
            }
            return bestLength;
        }

        /// <summary>
        /// The store's one buffer: callers may build content at <see cref="HeaderLength"/> and call
        /// <see cref="SaveBuffer"/>, or read it there after <see cref="LoadBuffer"/>, so no second copy of a
        /// configuration is ever held (RAM on the ESP32 is counted in kilobytes).
        /// </summary>
        public byte[] Buffer => _record;

        /// <summary>
        /// Replaces the buffer (at least <see cref="HeaderLength"/> + maxContent bytes): an owner that frees its shared
        /// buffer between uses lends a new one here before the next load or save (null: none until then).
        /// </summary>
        public void Lend(byte[] buffer)
        {
            if (buffer != null && buffer.Length < HeaderLength + _maxContent) throw new System.ArgumentException("buffer");
            _record = buffer;
        }

        /// <summary>Largest content length.</summary>
        public int MaxContent => _maxContent;

        /// <summary>
        /// Like <see cref="Load"/>, but leaves the content of the active slot in <see cref="Buffer"/> at
        /// <see cref="HeaderLength"/>. Returns its length, or -1 when no slot is valid.
        /// </summary>
        public int LoadBuffer()
        {
            if (Load(null, 0) < 0) return -1;
            int length;
            uint sequence;
            // Reading both slots used the buffer for each; read the winner again so the buffer holds it.
            if (!ReadValid(_active, out length, out sequence) || sequence != _sequence)
            {
                _active = -1;
                _sequence = 0;
                return -1;
            }
            return length;
        }

        /// <summary>
        /// Reads the content of the slot chosen by the last load or save into <see cref="Buffer"/> at
        /// <see cref="HeaderLength"/> again, without choosing anew: what was active stays active, whatever the store now
        /// holds, so a slot that went bad since does not make the other one win. Returns the length, or -1 when no slot is
        /// active or it no longer reads back valid (the caller then knows it cannot have the content back from here).
        /// </summary>
        public int LoadActiveBuffer()
        {
            if (_active < 0 || _record == null) return -1;
            int length;
            uint sequence;
            return ReadValid(_active, out length, out sequence) ? length : -1;
        }

        /// <summary>
        /// After <see cref="LoadBuffer"/> gave content the caller cannot use (e.g. written by a newer firmware),
        /// loads the other valid slot into <see cref="Buffer"/> and makes it the active one; the sequence stays that
        /// of the newer slot, so the next save (into the unusable slot) still outranks both. Returns the length, or -1.
        /// </summary>
        public int LoadOlderBuffer()
        {
            if (_active < 0) return -1;
            int other = _active == 0 ? 1 : 0;
            int length;
            uint sequence;
            if (!ReadValid(other, out length, out sequence) || !IsNewer(_sequence, sequence)) return -1;
            _active = other;
            return length;
        }

        /// <summary>
        /// Stores content[offset .. offset+count) in the inactive slot, reads it back and verifies it byte for byte.
        /// True when the new content is now the active one; false leaves the previous active content in force.
        /// </summary>
        public bool Save(byte[] content, int offset, int count)
        {
            if (count < 0 || count > _maxContent) return false;
            if (!_loaded) Load(null, 0);
            int previousActive = _active;
            uint previousSequence = _sequence;
            System.Array.Copy(content, offset, _record, HeaderLength, count);
            if (!SaveBuffer(count)) return false;
            for (int i = 0; i < count; i++)
            {
                if (_record[HeaderLength + i] != content[offset + i])
                {
                    // The read-back passed its CRC but differs: do not trust the slot (a CRC collision on bad flash).
                    _active = previousActive;
                    _sequence = previousSequence;
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Stores the <paramref name="count"/> content bytes already in <see cref="Buffer"/> at
        /// <see cref="HeaderLength"/> in the inactive slot, reads the slot back and checks magic, sequence, length and
        /// both CRCs. True when it is now the active one; the buffer then holds what was read back.
        /// </summary>
        public bool SaveBuffer(int count)
        {
            if (count < 0 || count > _maxContent) return false;
            // The sequence must exceed whatever is on the store, or an older slot could win at the next boot.
            if (!_loaded) Load(null, 0);
            int target = _active == 0 ? 1 : 0;
            uint sequence = _sequence + 1;
            PutU32(_record, 0, Magic);
            PutU32(_record, 4, sequence);
            PutU32(_record, 8, (uint)count);
            PutU32(_record, 12, Crc32.Compute(_record, HeaderLength, count));
            PutU32(_record, 16, Crc32.Compute(_record, 0, 16));
            uint contentCrc = GetU32(_record, 12);
            if (!_store.Write(Name(target), _record, 0, HeaderLength + count)) return false;

            int length;
            uint readSequence;
            if (!ReadValid(target, out length, out readSequence) || readSequence != sequence || length != count
                || GetU32(_record, 12) != contentCrc)
            {
                return false;
            }
            _active = target;
            _sequence = sequence;
            return true;
        }

        /// <summary>Erases both slots (factory reset).</summary>
        public bool Clear()
        {
            bool a = _store.Delete(Name(0));
            bool b = _store.Delete(Name(1));
            _active = -1;
            _sequence = 0;
            return a && b;
        }

        private bool ReadValid(int slot, out int length, out uint sequence)
        {
            byte[] buffer = _record;
            length = -1;
            sequence = 0;
            int total = _store.Read(Name(slot), buffer, 0, buffer.Length);
            if (total < HeaderLength || total > buffer.Length) return false;
            if (GetU32(buffer, 0) != Magic) return false;
            if (GetU32(buffer, 16) != Crc32.Compute(buffer, 0, 16)) return false;
            uint count = GetU32(buffer, 8);
            if (count > (uint)_maxContent || HeaderLength + (int)count > total) return false;
            if (GetU32(buffer, 12) != Crc32.Compute(buffer, HeaderLength, (int)count)) return false;
            length = (int)count;
            sequence = GetU32(buffer, 4);
            return true;
        }

        private string Name(int slot) => _prefix + (slot == 0 ? ".a" : ".b");

        // Serial-number comparison (RFC 1982 style) so the order survives the u32 wrapping after 4 billion saves.
        private static bool IsNewer(uint a, uint b) => a != b && (int)(a - b) > 0;

        private static void PutU32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        private static uint GetU32(byte[] b, int o)
            => (uint)b[o] | ((uint)b[o + 1] << 8) | ((uint)b[o + 2] << 16) | ((uint)b[o + 3] << 24);
    }
}
