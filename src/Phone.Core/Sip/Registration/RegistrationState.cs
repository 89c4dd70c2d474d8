// States of the REGISTER client (RFC 3261 §10.2; RFC 5626 §4.5 back-off).
namespace Phone.Core.Sip.Registration
{
    /// <summary>Where the registration stands; names in <see cref="RegistrationStateNames"/>.</summary>
    public enum RegistrationState : byte
    {
        /// <summary>No binding and nothing in flight (before Start, after Unregister).</summary>
        Unregistered = 0,

        /// <summary>REGISTER in flight, no binding yet (or the binding is being replaced).</summary>
        Registering = 1,

        /// <summary>Bound; the refresh timer runs.</summary>
        Registered = 2,

        /// <summary>Refresh REGISTER in flight while the binding is still valid.</summary>
        Refreshing = 3,

        /// <summary>The last attempt failed; waiting for the back-off or Retry-After to elapse.</summary>
        WaitingRetry = 4,

        /// <summary>REGISTER with Expires: 0 in flight.</summary>
        Unregistering = 5,
    }
}
