// The transaction layer's message buffer pool: lent only while a message may be re-sent (RFC 3261 §17, RFC 6026), and a dry pool behaves as a full table.
namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Text;
    using Phone.Core.Sip.Transactions;
    using H = TransactionHarness;

    public class MessageBufferPoolTests
    {
        private static bool Respond(H h, string text, int code)
        {
            byte[] b = Encoding.ASCII.GetBytes(text);
            return h.LastServer.Respond(b, 0, b.Length, code, h.Now);
        }

        [Fact]
        public void Pool_lends_each_buffer_once_counts_dry_takes_and_ignores_foreign_or_repeated_gives()
        {
            var pool = new MessageBufferPool(2, 100);
            byte[] a = pool.Take();
            byte[] b = pool.Take();
            Assert.NotNull(a);
            Assert.NotNull(b);
            Assert.NotSame(a, b);
            Assert.Equal(100, a.Length);
            Assert.Null(pool.Take());
            Assert.Equal(1, pool.DryCount);
            Assert.Equal(2, pool.InUse);
            pool.Give(new byte[100]);   // not ours
            pool.Give(null);
            Assert.Equal(2, pool.InUse);
            pool.Give(a);
            pool.Give(a);               // twice: still one free buffer
            Assert.Equal(1, pool.InUse);
            Assert.Same(a, pool.Take());
            Assert.Null(pool.Take());
            Assert.Equal(2, pool.HighWater);
        }

        [Fact]
        public void A_pool_of_two_sizes_lends_the_smallest_free_buffer_that_fits_and_a_full_one_for_take()
        {
            var pool = new MessageBufferPool(2, 1500, 2, 600);
            Assert.Equal(4, pool.Count);
            Assert.Equal(2, pool.SmallCount);
            Assert.Equal(1500, pool.BufferBytes);
            byte[] full = pool.Take();                    // a call's INVITE or 2xx: always a full buffer
            Assert.Equal(1500, full.Length);
            byte[] s1 = pool.Take(300);
            byte[] s2 = pool.Take(600);
            Assert.Equal(600, s1.Length);
            Assert.Equal(600, s2.Length);
            byte[] spill = pool.Take(100);                // the small ones are lent: a short message spills into a full one
            Assert.Equal(1500, spill.Length);
            Assert.Null(pool.Take(601));                  // no full buffer left; a small one does not hold 601 B
            Assert.Equal(1, pool.DryCount);
            pool.Give(s1);
            Assert.Null(pool.Take());                     // a free small buffer is no full buffer
            Assert.Same(s1, pool.Take(601 - 1));
            Assert.Equal(2, pool.DryCount);
            Assert.Equal(4, pool.HighWater);
            // A small size not below the full size is no second size.
            Assert.Equal(0, new MessageBufferPool(2, 500, 2, 500).SmallCount);
            Assert.Equal(2, new MessageBufferPool(2, 500, 2, 500).Count);
        }

        [Fact]
        public void Requests_take_the_smallest_buffer_that_holds_them_and_an_invite_always_a_full_one()
        {
            var h = new H(capacity: 4, poolBuffers: 1, smallBuffers: 2, smallBytes: 600);
            ClientTransaction options = h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bKo"));
            Assert.Equal(600, options.Message.Length);
            ClientTransaction invite = h.SendRequest(H.Request("INVITE", branch: "z9hG4bKi"));   // short, yet full: its ACK goes there
            Assert.Equal(1500, invite.Message.Length);
            string longInfo = H.Request("INFO", branch: "z9hG4bKl").Replace("Content-Length: 0\r\n\r\n",
                "Content-Type: text/plain\r\nContent-Length: 400\r\n\r\n" + new string('x', 400));
            Assert.True(longInfo.Length > 600);
            Assert.Null(h.SendRequest(longInfo));                                                // one small left, too short
            Assert.Equal(1, h.Layer.Stats.PoolDry);
            ClientTransaction bye = h.SendRequest(H.Request("BYE", branch: "z9hG4bKb"));
            Assert.Equal(600, bye.Message.Length);
            Assert.Equal(3, h.Layer.Pool.InUse);

            // The INVITE's non-2xx is ACKed from its buffer (§17.1.1.3): the ACK is what it holds now.
            h.Deliver(H.Response(486, "Busy Here", "INVITE", branch: "z9hG4bKi"));
            Assert.StartsWith("ACK ", Encoding.ASCII.GetString(invite.Message, 0, invite.MessageLength));
        }

        [Fact]
        public void A_non_invite_starts_in_a_small_buffer_and_its_long_answer_moves_to_a_full_one_or_goes_out_once_unkept()
        {
            var h = new H(capacity: 4, poolBuffers: 1, smallBuffers: 2, smallBytes: 600);
            string longAnswer = H.Response(200, "OK", "OPTIONS", branch: "z9hG4bKp1").Replace("Content-Length: 0\r\n\r\n",
                "Content-Type: text/plain\r\nContent-Length: 400\r\n\r\n" + new string('y', 400));
            Assert.True(longAnswer.Length > 600);

            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKp1"));
            Assert.Equal(1, h.Layer.Pool.InUse);
            byte[] elsewhere = h.Layer.Pool.Take();                                // the request took a small one: the full one was free
            Assert.Equal(1500, elsewhere.Length);
            // The full buffer is lent elsewhere now: the long answer goes out once and is not kept.
            Assert.True(Respond(h, longAnswer, 200));
            Assert.Equal(1, h.SentCount("SIP/2.0 200"));
            Assert.Equal(1, h.Layer.Stats.PoolDry);
            Assert.Equal(1, h.Layer.Pool.InUse);                                   // its small buffer went back (the full one is lent)
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKp1"));                  // a retransmission: absorbed, nothing to repeat
            Assert.Equal(1, h.SentCount("SIP/2.0 200"));
            Assert.Equal(TransactionState.Completed, h.LastServer.State);
            h.RunUntil(h.Now + 32001);                                             // Timer J still ends it
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        [Fact]
        public void A_long_answer_moves_to_a_free_full_buffer_and_is_repeated_from_it()
        {
            var h = new H(capacity: 4, poolBuffers: 1, smallBuffers: 2, smallBytes: 600);
            string longAnswer = H.Response(200, "OK", "OPTIONS", branch: "z9hG4bKp2").Replace("Content-Length: 0\r\n\r\n",
                "Content-Type: text/plain\r\nContent-Length: 400\r\n\r\n" + new string('y', 400));
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKp2"));
            Assert.True(Respond(h, longAnswer, 200));
            Assert.Equal(1, h.Layer.Pool.InUse);                                   // the full one; the small one went back
            Assert.NotNull(h.Layer.Pool.Take(600));
            Assert.NotNull(h.Layer.Pool.Take(600));
            Assert.Null(h.Layer.Pool.Take());
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKp2"));
            Assert.Equal(2, h.SentCount("SIP/2.0 200"));
            Assert.Equal(longAnswer, h.Sent[^1].Text);
            Assert.Equal(0, h.Layer.Stats.PoolDry);
        }

        [Fact]
        public void Dry_pool_answers_a_new_request_503_with_retry_after_like_a_full_table()
        {
            var h = new H(capacity: 4, poolBuffers: 1);
            Assert.NotNull(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bKmine")));   // our request holds the only buffer
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKtheirs"));
            Assert.Empty(h.Events);                                                        // the TU is not bothered
            Assert.Equal(1, h.SentCount("SIP/2.0 503 Service Unavailable"));
            Assert.Contains("Retry-After: 5", h.Sent[^1].Text);
            Assert.Contains("branch=z9hG4bKtheirs", h.Sent[^1].Text);
            Assert.Equal(1, h.Layer.Stats.TableFull);
            Assert.Equal(1, h.Layer.Stats.PoolDry);
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        [Fact]
        public void Dry_pool_makes_SendRequest_return_null_until_a_buffer_comes_back()
        {
            var h = new H(capacity: 4, poolBuffers: 1);
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bKtheirs"));                      // their request holds the buffer
            Assert.Null(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bKmine")));
            Assert.Empty(h.Sent);
            Assert.Equal(1, h.Layer.Stats.PoolDry);
            Assert.Equal(0, h.Layer.ActiveClients);
            Assert.True(Respond(h, H.Response(200, "OK", "OPTIONS", branch: "z9hG4bKtheirs"), 200));
            h.RunUntil(31999);                                                             // Timer J: the 200 is kept until 32 s
            Assert.Null(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bKmine")));
            h.RunUntil(32001);
            Assert.NotNull(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bKmine")));
        }

        [Fact]
        public void Non_invite_client_keeps_its_request_for_timer_E_and_gives_it_back_on_the_final_response()
        {
            var h = new H(poolBuffers: 1);
            ClientTransaction tx = h.SendRequest(H.Request("REGISTER"));
            Assert.Equal(1, h.Layer.Pool.InUse);
            h.RunUntil(500);
            Assert.Equal(2, h.SentCount("REGISTER"));                                      // Timer E re-sent it from the buffer
            h.Deliver(H.Response(200, "OK", "REGISTER"));
            Assert.Equal(TransactionState.Completed, tx.State);
            Assert.Equal(0, h.Layer.Pool.InUse);
            Assert.Null(tx.Message);
            Assert.Equal(0, tx.MessageLength);
            h.Deliver(H.Response(200, "OK", "REGISTER"));                                  // Timer K still absorbs it
            Assert.Equal(1, h.Layer.Stats.RetransmissionsAbsorbed);
            Assert.Single(h.Events);
            h.RunUntil(60000);
            Assert.Equal(2, h.SentCount("REGISTER"));
        }

        [Fact]
        public void Invite_client_gives_its_buffer_back_on_a_2xx_and_keeps_the_ack_of_a_non_2xx_until_timer_D()
        {
            var h = new H(poolBuffers: 1);
            ClientTransaction ok = h.SendRequest(H.Request("INVITE", branch: "z9hG4bK1"));
            h.Deliver(H.Response(200, "OK", "INVITE", branch: "z9hG4bK1"));
            Assert.Equal(TransactionState.Accepted, ok.State);
            Assert.Equal(0, h.Layer.Pool.InUse);
            h.Deliver(H.Response(200, "OK", "INVITE", branch: "z9hG4bK1"));                // RFC 6026: still to the TU
            Assert.Equal(2, h.Events.Count);
            h.RunUntil(32001);                                                             // Timer M

            ClientTransaction busy = h.SendRequest(H.Request("INVITE", branch: "z9hG4bK2", cseq: 2));
            Assert.NotNull(busy);
            h.Deliver(H.Response(486, "Busy Here", "INVITE", branch: "z9hG4bK2", cseq: 2));
            Assert.Equal(TransactionState.Completed, busy.State);
            Assert.Equal(1, h.Layer.Pool.InUse);                                           // the ACK, for retransmitted 486s
            h.Deliver(H.Response(486, "Busy Here", "INVITE", branch: "z9hG4bK2", cseq: 2));
            Assert.Equal(2, h.SentCount("ACK"));
            h.RunUntil(h.Now + 32000);                                                     // Timer D, then freed at the next poll
            h.RunUntil(h.Now + 1);
            Assert.Equal(0, h.Layer.Pool.InUse);
            Assert.Equal(0, h.Layer.ActiveClients);
        }

        [Fact]
        public void Invite_server_gives_its_buffer_back_on_a_2xx_and_after_the_ack_of_a_non_2xx()
        {
            var h = new H(poolBuffers: 1);
            h.Deliver(H.Request("INVITE", branch: "z9hG4bK1"));
            Assert.Equal(1, h.Layer.Pool.InUse);                                           // the prepared 100 Trying
            h.RunUntil(200);
            Assert.Equal(1, h.SentCount("SIP/2.0 100 Trying"));
            Assert.True(Respond(h, H.Response(200, "OK", "INVITE", branch: "z9hG4bK1"), 200));
            Assert.Equal(TransactionState.Accepted, h.LastServer.State);
            Assert.Equal(0, h.Layer.Pool.InUse);
            h.Deliver(H.Request("INVITE", branch: "z9hG4bK1"));                            // absorbed, nothing re-sent
            Assert.Equal(1, h.SentCount("SIP/2.0 200"));
            h.RunUntil(h.Now + 32001);                                                     // Timer L

            h.Deliver(H.Request("INVITE", branch: "z9hG4bK2", cseq: 2));
            Assert.True(Respond(h, H.Response(486, "Busy Here", "INVITE", branch: "z9hG4bK2", cseq: 2), 486));
            long sent = h.Now;
            h.RunUntil(sent + 500);
            Assert.Equal(2, h.SentCount("SIP/2.0 486"));                                   // Timer G re-sends from the buffer
            Assert.Equal(1, h.Layer.Pool.InUse);
            h.Deliver(H.Request("ACK", branch: "z9hG4bK2", cseq: 2, cseqMethod: "ACK"));
            Assert.Equal(TransactionState.Confirmed, h.LastServer.State);
            Assert.Equal(0, h.Layer.Pool.InUse);
            h.RunUntil(h.Now + 60000);
            Assert.Equal(2, h.SentCount("SIP/2.0 486"));
        }

        [Fact]
        public void Non_invite_server_keeps_its_response_until_timer_J_over_udp_and_not_at_all_over_a_stream()
        {
            var h = new H(poolBuffers: 1);
            h.Deliver(H.Request("OPTIONS"));
            Assert.True(Respond(h, H.Response(200, "OK", "OPTIONS"), 200));
            h.RunUntil(31999);
            Assert.Equal(1, h.Layer.Pool.InUse);
            h.Deliver(H.Request("OPTIONS"));
            Assert.Equal(2, h.SentCount("SIP/2.0 200"));
            h.RunUntil(32001);
            Assert.Equal(0, h.Layer.Pool.InUse);

            var tcp = new H(poolBuffers: 1, reliable: true);
            tcp.Deliver(H.Request("OPTIONS"));
            Assert.True(Respond(tcp, H.Response(200, "OK", "OPTIONS"), 200));
            tcp.RunUntil(1);                                                               // Timer J = 0
            Assert.Equal(0, tcp.Layer.Pool.InUse);
        }
    }
}
