// Maps a number dialled on the keypad to the call's Request-URI and next hop (office directory, RFC 3261 §8.1.2).
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;

    /// <summary>
    /// Returns the Request-URI for <paramref name="number"/> and sets <paramref name="nextHop"/> when the call must
    /// go straight there (empty: the usual route); null means "sip:NUMBER@domain" through the usual route, and ""
    /// means there is no route (the line plays reorder).
    /// </summary>
    public delegate string DialTargetResolver(string number, out NetEndPoint nextHop);
}
