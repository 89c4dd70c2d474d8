// Supplies the live figures of the status report (firmware version, registration, last call quality).
namespace Phone.Core.Provisioning
{
    /// <summary>Fills the fields of a status report the provisioning client does not know itself.</summary>
    public interface IStatusProvider
    {
        /// <summary>Writes the current values into <paramref name="report"/>. Must not throw or block.</summary>
        void Fill(StatusReport report);
    }
}
