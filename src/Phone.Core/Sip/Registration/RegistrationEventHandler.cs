// Callback type of the REGISTER client's events (non-generic: nanoFramework 1.17 has no generic delegates).
namespace Phone.Core.Sip.Registration
{
    /// <summary>
    /// Registered / Failed / Unregistered / FailedOver. statusCode is the final response code (408 for a timeout,
    /// 503 for a transport error); nowMs the time of the event.
    /// </summary>
    public delegate void RegistrationEventHandler(RegistrationClient sender, int statusCode, long nowMs);
}
