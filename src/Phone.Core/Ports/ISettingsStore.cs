// Settings-store port: named byte records in flash (ESP32) or files (host). Writes are NOT atomic.
namespace Phone.Core.Ports
{
    /// <summary>
    /// A small store of named byte records. A <see cref="Write"/> interrupted by a power cut may leave the record
    /// torn (any prefix of the new bytes, possibly followed by old bytes), so callers that need atomic updates
    /// build them on top (see Phone.Core.Provisioning.ConfigSlotStore). Calls never throw.
    /// Names are short ASCII identifiers: letters, digits, '.', '-' and '_'.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>
        /// Copies the record <paramref name="name"/> into buffer[offset ..]. Returns the record's full length, or -1
        /// when it is absent or unreadable. When the record is longer than <paramref name="max"/>, only
        /// <paramref name="max"/> bytes are copied and the (larger) full length is returned.
        /// </summary>
        int Read(string name, byte[] buffer, int offset, int max);

        /// <summary>Replaces the record <paramref name="name"/> with data[offset .. offset+count). False on failure.</summary>
        bool Write(string name, byte[] data, int offset, int count);

        /// <summary>Removes the record <paramref name="name"/>; true when it is gone afterwards.</summary>
        bool Delete(string name);
    }
}
