// Raised when a host phone cannot open its sockets (a port taken, no free RTP block): the emulator's exit code 2.
namespace Phone.Host.Agent
{
    using System;

    /// <summary>The environment refused what a <see cref="HostPhone"/> needs; the message names the port.</summary>
    public sealed class HostPhoneException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public HostPhoneException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
