// The SIP transaction layer (RFC 3261 §17): fixed tables of client and server transactions, matching, timers.
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>
    /// Sits between the transport (an <see cref="ISipSender"/> below; received messages are handed to
    /// <see cref="Receive"/>) and the transaction user above. Memory is fixed at construction: a table of
    /// <c>capacity</c> client and <c>capacity</c> server transactions, and a <see cref="MessageBufferPool"/> that lends
    /// each a message buffer only while it may re-send its message. When the server table is full or the pool is dry a
    /// new request is answered 503 with Retry-After instead of growing (RFC 3261 §21.5.4). Time is passed in: call
    /// <see cref="Poll"/> by the deadline it returns.
    /// </summary>
    public sealed class TransactionLayer
    {
        /// <summary>Retry-After (seconds) in the 503 sent when the table is full.</summary>
        public const int RetryAfterSeconds = 5;

        private readonly ClientTransaction[] _clients;
        private readonly ServerTransaction[] _servers;
        private readonly SipMessage _parsed;
        private readonly byte[] _work;
        private readonly SipWriter _writer;
        private readonly IStrayResponseUser _strayUser;

        /// <summary>
        /// The matching keys of every slot in one array (one array header instead of three per slot pair): server slot i's
        /// branch and sent-by at i·<see cref="ServerTransaction.KeyBytes"/>, then client slot i's branch.
        /// </summary>
        internal readonly byte[] Keys;

        /// <summary>
        /// Creates the layer with <paramref name="capacity"/> client and server slots and a pool of one buffer of
        /// <paramref name="bufferBytes"/> per slot (every slot can hold a message at once).
        /// </summary>
        public TransactionLayer(ISipSender sender, ITransactionUser user, SipTimers timers, int capacity, int bufferBytes)
            : this(sender, user, timers, capacity, bufferBytes, new MessageBufferPool(2 * capacity, bufferBytes))
        {
        }

        /// <summary>
        /// Creates the layer with <paramref name="capacity"/> client and server slots lending their message buffers
        /// from <paramref name="pool"/> (which the transaction user may share for messages of its own).
        /// </summary>
        public TransactionLayer(ISipSender sender, ITransactionUser user, SipTimers timers, int capacity, int bufferBytes, MessageBufferPool pool)
            : this(sender, user, timers, capacity, bufferBytes, pool, 0)
        {
        }

        /// <summary>As above, with a scratch parser of <paramref name="maxHeaders"/> header lines (0: <see cref="SipMessage.DefaultMaxHeaders"/>).</summary>
        public TransactionLayer(ISipSender sender, ITransactionUser user, SipTimers timers, int capacity, int bufferBytes, MessageBufferPool pool, int maxHeaders)
            : this(sender, user, timers, capacity, bufferBytes, pool, maxHeaders, null)
        {
        }

        /// <summary>
        /// As above, writing the layer's own messages (the stateless 503, the ACK for a non-2xx, the 100 Trying) with
        /// <paramref name="scratch"/>'s writer and transmit buffer, shared with the transaction user's writers on this
        /// thread; null (or a transmit buffer shorter than <paramref name="bufferBytes"/>): a buffer of its own.
        /// Sharing is safe because the layer writes only inside <see cref="Receive"/>, which the transport calls from its
        /// poll and never while a writer is part-way through a message, and it sends or copies what it wrote before
        /// returning.
        /// </summary>
        public TransactionLayer(ISipSender sender, ITransactionUser user, SipTimers timers, int capacity, int bufferBytes, MessageBufferPool pool, int maxHeaders, SipScratch scratch)
        {
            Pool = pool;
            Sender = sender;
            User = user;
            _strayUser = user as IStrayResponseUser;
            Timers = timers ?? new SipTimers();
            _clients = new ClientTransaction[capacity];
            _servers = new ServerTransaction[capacity];
            Keys = new byte[capacity * (ServerTransaction.KeyBytes + ClientTransaction.MaxBranch)];
            int clientKeys = capacity * ServerTransaction.KeyBytes;
            for (int i = 0; i < capacity; i++)
            {
                _clients[i] = new ClientTransaction(this, clientKeys + i * ClientTransaction.MaxBranch);
                _servers[i] = new ServerTransaction(this, i * ServerTransaction.KeyBytes);
            }
            _parsed = new SipMessage(maxHeaders > 0 ? maxHeaders : SipMessage.DefaultMaxHeaders, bufferBytes, null);
            if (scratch != null && scratch.Transmit.Length >= bufferBytes)
            {
                _work = scratch.Transmit;
                _writer = scratch.Writer;
            }
            else
            {
                _work = new byte[bufferBytes];
                _writer = new SipWriter(_work);
            }
        }

        /// <summary>
        /// The protocol thread's second parser (the transport's holds the received message), for re-reading a stored
        /// message: one parse table instead of one per user. The layer itself parses into it in <see cref="SendRequest"/>
        /// and when it ACKs a non-2xx, so a caller's parse is valid only until it sends a request.
        /// </summary>
        public SipMessage Scratch => _parsed;

        /// <summary>The message buffers lent to the transactions (and to the transaction user, if it shares them).</summary>
        public MessageBufferPool Pool { get; }

        /// <summary>Timer values in force.</summary>
        public SipTimers Timers { get; }

        /// <summary>Counters.</summary>
        public TransactionStats Stats { get; } = new TransactionStats();

        internal ISipSender Sender { get; }

        internal ITransactionUser User { get; }

        /// <summary>Client transactions not free.</summary>
        public int ActiveClients => CountActive(true);

        /// <summary>Server transactions not free.</summary>
        public int ActiveServers => CountActive(false);

        /// <summary>
        /// Starts a client transaction for request[offset, offset+count) (built by the TU, with a z9hG4bK branch) and sends
        /// it to <paramref name="destination"/>. Returns null when the table is full, the buffer pool is dry, the request is
        /// larger than a pool buffer, or it does not parse or is an ACK (an ACK for a 2xx is sent with <see cref="SendStateless"/>).
        /// </summary>
        public ClientTransaction SendRequest(byte[] request, int offset, int count, NetEndPoint destination, object owner, long nowMs)
        {
            ClientTransaction tx = null;
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].IsFree) { tx = _clients[i]; break; }
            }
            if (tx == null || count > Pool.BufferBytes) return null;
            if (!_parsed.TryParse(request, offset, count, false) || !_parsed.IsRequest || _parsed.Method == SipMethod.Ack
                || _parsed.Via.Branch.Length == 0 || _parsed.Via.Branch.Length > ClientTransaction.MaxBranch)
            {
                return null;
            }
            // An INVITE gets a full buffer: a non-2xx is ACKed from the same buffer (§17.1.1.3), and that ACK may be longer
            // than a short INVITE. Any other request, the smallest free buffer that holds it.
            byte[] buffer = Pool.Take(_parsed.Method == SipMethod.Invite ? Pool.BufferBytes : count);
            if (buffer == null)
            {
                Stats.PoolDry++;
                return null;
            }
            System.Array.Copy(request, offset, buffer, 0, count);
            _parsed.TryParse(buffer, 0, count);   // the same bytes, now where the transaction keeps them
            tx.Buffer = buffer;
            tx.Length = count;
            if (_parsed.Method == SipMethod.Cancel)
            {
                // §9.1: the CANCEL shares the INVITE's branch; the INVITE now ends 64·T1 later at the latest.
                for (int i = 0; i < _clients.Length; i++)
                {
                    ClientTransaction c = _clients[i];
                    if (c.IsInvite && c != tx && c.HasBranch(_parsed.Buffer, _parsed.Via.Branch.Start, _parsed.Via.Branch.Length))
                    {
                        c.OnCancelSent(nowMs);
                    }
                }
            }
            tx.Start(_parsed, destination, owner, nowMs);
            return tx;
        }

        /// <summary>Sends a message outside any transaction: the ACK for a 2xx and the UA core's 2xx retransmissions (§13.3.1.4).</summary>
        public bool SendStateless(byte[] message, int offset, int count, NetEndPoint destination)
        {
            if (Sender.Send(message, offset, count, destination)) return true;
            Stats.TransportErrors++;
            return false;
        }

        /// <summary>Hands a received, parsed message to the matching transaction, or to the TU as a new request.</summary>
        public void Receive(SipMessage message, NetEndPoint from, long nowMs)
        {
            if (!message.IsRequest)
            {
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i].Matches(message))
                    {
                        _clients[i].OnResponse(message, nowMs);
                        return;
                    }
                }
                // §17.1.3: a response that matches nothing is stray (the INVITE's Accepted state of RFC 6026 exists so that
                // 2xx retransmissions are not). §18.1.2 leaves stray responses to the core: a 2xx to an INVITE the UA has
                // given up on (§9.1 CANCEL timeout, another fork) still needs its ACK and a BYE (§13.2.2.4, §15), so it goes
                // to a TU that asks for it; everything else is dropped.
                Stats.StrayResponses++;
                if (_strayUser != null && message.CSeqMethod == SipMethod.Invite && message.StatusCode >= 200 && message.StatusCode < 300)
                {
                    Stats.StrayAnswersToCore++;
                    _strayUser.OnStrayResponse(message, from, nowMs);
                }
                return;
            }

            bool ack = message.Method == SipMethod.Ack;
            for (int i = 0; i < _servers.Length; i++)
            {
                if (_servers[i].Matches(message, ack))
                {
                    if (ack && _servers[i].State == TransactionState.Accepted) break;   // ACK for a 2xx: the TU's (RFC 6026 §7.1)
                    _servers[i].OnRetransmission(message, ack, nowMs);
                    return;
                }
            }
            if (ack)
            {
                User.OnAck(message, from, nowMs);
                return;
            }
            ServerTransaction tx = null;
            byte[] buffer = null;
            if (ServerTransaction.KeyFits(message))
            {
                for (int i = 0; i < _servers.Length; i++)
                {
                    if (_servers[i].IsFree) { tx = _servers[i]; break; }
                }
                // The response (or the prepared 100 Trying) needs a buffer from the start: a TU that answers must not
                // find none, so a dry pool is a full table.
                if (tx != null)
                {
                    // An INVITE's transaction writes its 100 Trying, 18x and non-2xx answers there: a full buffer. Other
                    // requests start in the smallest free one; Respond moves to a larger one if the answer needs it.
                    buffer = Pool.Take(message.Method == SipMethod.Invite ? Pool.BufferBytes : 0);
                    if (buffer == null)
                    {
                        Stats.PoolDry++;
                        tx = null;
                    }
                }
            }
            if (tx == null)
            {
                // Table full, no buffer (or a key too long to keep): answer statelessly rather than grow (RFC 3261 §21.5.4).
                Stats.TableFull++;
                _writer.Reset(_work, 0, _work.Length);
                _writer.WriteResponseHeaders(message, 503, "Service Unavailable", null, 0, 0, false);
                _writer.WriteHeader(SipHeaderId.RetryAfter, (uint)RetryAfterSeconds);
                _writer.EndWithoutBody();
                if (!_writer.Overflow) SendStateless(_work, 0, _writer.Length, from);
                return;
            }
            tx.Start(message, from, buffer, nowMs);
            User.OnRequest(tx, message, nowMs);
        }

        /// <summary>
        /// The INVITE server transaction a CANCEL refers to (RFC 3261 §9.2: same branch, sent-by and Request-URI
        /// rules as matching, with method INVITE), or null.
        /// </summary>
        public ServerTransaction FindInviteFor(SipMessage cancel)
        {
            for (int i = 0; i < _servers.Length; i++)
            {
                if (_servers[i].IsInvite && _servers[i].Matches(cancel, true)) return _servers[i];
            }
            return null;
        }

        /// <summary>Fires due timers; returns the next deadline (long.MaxValue when nothing is pending).</summary>
        public long Poll(long nowMs)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _clients.Length; i++)
            {
                long d = _clients[i].Poll(nowMs);
                if (d < next) next = d;
            }
            for (int i = 0; i < _servers.Length; i++)
            {
                long d = _servers[i].Poll(nowMs);
                if (d < next) next = d;
            }
            return next;
        }

        internal void BuildAck(ClientTransaction tx, SipMessage response)
        {
            // §17.1.1.3: the ACK copies the INVITE's Request-URI, top Via, From, Call-ID, CSeq number and Route
            // headers, with the To of the response. It replaces the INVITE in the slot: only the ACK is re-sent now.
            if (!_parsed.TryParse(tx.Buffer, 0, tx.Length)) return;
            // A shared transmit buffer may be longer than the slot the ACK is copied into.
            _writer.Reset(_work, 0, _work.Length < tx.Buffer.Length ? _work.Length : tx.Buffer.Length);
            _writer.WriteAckForNon2xx(_parsed, response);
            _writer.EndWithoutBody();
            if (_writer.Overflow) return;
            System.Array.Copy(_work, 0, tx.Buffer, 0, _writer.Length);
            tx.Length = _writer.Length;
        }

        internal int BuildTrying(SipMessage request, byte[] into)
        {
            _writer.Reset(into, 0, into.Length);
            _writer.WriteResponseHeaders(request, 100, "Trying", null, 0, 0, false);
            _writer.EndWithoutBody();
            return _writer.Overflow ? 0 : _writer.Length;
        }

        private int CountActive(bool clients)
        {
            int n = 0;
            if (clients) { for (int i = 0; i < _clients.Length; i++) if (!_clients[i].IsFree) n++; }
            else { for (int i = 0; i < _servers.Length; i++) if (!_servers[i].IsFree) n++; }
            return n;
        }
    }
}
