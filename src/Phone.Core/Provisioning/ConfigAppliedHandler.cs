// Callback raised when the provisioning client applies a new configuration.
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// A new configuration is in force. <paramref name="changes"/> says which areas differ from
    /// <paramref name="previous"/>, so the SIP layer re-registers only when <see cref="ConfigChanges.Account"/> is set.
    /// </summary>
    public delegate void ConfigAppliedHandler(ProvisioningConfig previous, ProvisioningConfig current, ConfigChanges changes);
}
