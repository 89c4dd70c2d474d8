// One set of scratch buffers for every SIP request writer on the protocol thread (the transaction layer copies each request, RFC 3261 §17.1).
namespace Phone.Core.Sip
{
    using Phone.Core.Text;

    /// <summary>
    /// The transmit buffer, its <see cref="SipWriter"/>, and one Authorization-value buffer with its
    /// <see cref="ByteWriter"/>, shared by every part of the phone that writes SIP requests and responses on the protocol
    /// thread: the call manager, the registration client, the registrar monitor, the resilience senders, and the
    /// transaction layer for its own 503s and ACKs (written and sent or copied inside one received message's handling). Sharing is
    /// safe because each writer builds its whole message here and hands it to the transaction layer (which copies it into
    /// its transaction's buffer before anything can run) or to the socket in the same call; nothing reads the scratch
    /// after that. A digest retry (RFC 3261 §22.2) or a retransmission never reads it either: retries are written again
    /// from the writer's own state, retransmissions come from the transaction's copy. Users call
    /// <see cref="SipWriter.Reset(byte[], int, int)"/> and <see cref="ByteWriter.Reset"/> before each message.
    /// </summary>
    public sealed class SipScratch
    {
        /// <summary>Room for one Authorization / Proxy-Authorization value (a digest answer is 250-450 bytes).</summary>
        public const int DefaultAuthBytes = 768;

        /// <summary>Allocates <paramref name="transmitBytes"/> for messages and <paramref name="authBytes"/> for one credential.</summary>
        public SipScratch(int transmitBytes, int authBytes)
        {
            Transmit = new byte[transmitBytes];
            Writer = new SipWriter(Transmit);
            Auth = new byte[authBytes];
            AuthWriter = new ByteWriter(Auth, 0, authBytes);
        }

        /// <summary>The message being written (at most its length; a writer may use less, e.g. 1,300 for UDP).</summary>
        public readonly byte[] Transmit;

        /// <summary>The writer over <see cref="Transmit"/> (reset it first: it may point at another buffer).</summary>
        public readonly SipWriter Writer;

        /// <summary>One credential value being written.</summary>
        public readonly byte[] Auth;

        /// <summary>The writer over <see cref="Auth"/>.</summary>
        public readonly ByteWriter AuthWriter;
    }
}
