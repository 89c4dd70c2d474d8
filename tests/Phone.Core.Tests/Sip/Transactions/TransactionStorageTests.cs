// The transactions' packed storage (one state word, keys in the layer's table, end points in one long) at its limits.
namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using H = TransactionHarness;

    public class TransactionStorageTests
    {
        private static readonly NetEndPoint Far = new NetEndPoint(0xFFFFFFFE, 65535);   // 255.255.255.254:65535

        // 64 characters, differing from each other only in the last one.
        private static string Branch(char last) => "z9hG4bK" + new string('b', ServerTransaction.MaxKey - 8) + last;

        private static readonly string LongHost = new string('h', ServerTransaction.MaxKey - 12) + ".example.com";

        [Fact]
        public void Server_keys_of_the_longest_branch_and_sent_by_stay_apart_and_match_only_their_own_retransmissions()
        {
            Assert.Equal(ServerTransaction.MaxKey, Branch('1').Length);
            Assert.Equal(ServerTransaction.MaxKey, LongHost.Length);
            var h = new H(capacity: 4);
            // Four slots filled with the longest keys, the sent-by port above 32,767 (the top bit of the key word).
            string[] methods = { "INVITE", "OPTIONS", "REGISTER", "INFO" };
            var servers = new ServerTransaction[4];
            for (int i = 0; i < 4; i++)
            {
                h.Deliver(H.Request(methods[i], Branch((char)('1' + i)), sentBy: LongHost + ":65535"), Far);
                servers[i] = h.LastServer;
            }
            Assert.Equal(4, h.Layer.ActiveServers);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(methods[i], SipMethods.Name(servers[i].Method));
                Assert.Equal(i == 0, servers[i].IsInvite);
                Assert.True(servers[i].ResponseDestination.SameAs(Far), servers[i].ResponseDestination.ToString());
                Assert.Equal(0, servers[i].LastStatusCode);
            }
            Assert.Equal(TransactionState.Proceeding, servers[0].State);
            Assert.Equal(TransactionState.Trying, servers[1].State);

            byte[] busy = Encoding.ASCII.GetBytes(H.Response(699, "Odd", "OPTIONS", Branch('2')));
            Assert.True(servers[1].Respond(busy, 0, busy.Length, 699, h.Now));
            Assert.Equal(699, servers[1].LastStatusCode);
            Assert.Equal(TransactionState.Completed, servers[1].State);
            Assert.Equal(TransactionState.Trying, servers[2].State);               // its neighbours' words untouched
            Assert.Equal(0, servers[2].LastStatusCode);

            // A retransmission matches its own slot only: the OPTIONS gets its 699 again, nobody else answers.
            int sent = h.Sent.Count;
            h.Deliver(H.Request("OPTIONS", Branch('2'), sentBy: LongHost + ":65535"), Far);
            Assert.Equal(sent + 1, h.Sent.Count);
            Assert.StartsWith("SIP/2.0 699", h.Sent[sent].Text);
            Assert.True(h.Sent[sent].To.SameAs(Far));
            Assert.Equal(4, h.Events.Count);                                       // four requests, no new one

            // One port lower, or a host differing in case only (§17.2.3 compares sent-by case-insensitively): what matches.
            h.Deliver(H.Request("INFO", Branch('4'), sentBy: LongHost.ToUpperInvariant() + ":65535"), Far);
            Assert.Equal(4, h.Events.Count);
            Assert.Equal(0, h.Layer.Stats.TableFull);
            h.Deliver(H.Request("INFO", Branch('4'), sentBy: LongHost + ":65534"), Far);
            Assert.Equal(1, h.Layer.Stats.TableFull);                              // a new request: the table is full
            Assert.StartsWith("SIP/2.0 503", h.Sent[h.Sent.Count - 1].Text);
        }

        [Fact]
        public void Client_words_keep_the_longest_branch_the_largest_cseq_and_end_point_and_status_699_per_slot()
        {
            var h = new H(capacity: 4);
            string[] methods = { "INVITE", "REGISTER", "OPTIONS", "MESSAGE" };
            var clients = new ClientTransaction[4];
            for (int i = 0; i < 4; i++)
            {
                byte[] req = Encoding.ASCII.GetBytes(H.Request(methods[i], Branch((char)('1' + i)), cseq: 1 + i));
                if (i == 3) req = Encoding.ASCII.GetBytes(H.Request(methods[i], Branch('4')).Replace("CSeq: 1 ", "CSeq: 4294967295 "));
                clients[i] = h.Layer.SendRequest(req, 0, req.Length, Far, null, h.Now);
                Assert.NotNull(clients[i]);
            }
            for (int i = 0; i < 4; i++)
            {
                Assert.True(clients[i].Destination.SameAs(Far), clients[i].Destination.ToString());
                Assert.Equal(methods[i], SipMethods.Name(clients[i].Method));
                Assert.Equal(i == 0, clients[i].IsInvite);
                Assert.False(clients[i].Cancelled);
            }
            Assert.Equal(4294967295u, clients[3].CSeq);
            Assert.Equal(2u, clients[1].CSeq);

            // Responses find their own slot by the 64-character branch.
            h.Deliver(H.Response(699, "Odd", "REGISTER", Branch('2'), cseq: 2));
            Assert.Equal(699, clients[1].LastStatusCode);
            Assert.Equal(TransactionState.Completed, clients[1].State);
            Assert.Equal(0, clients[2].LastStatusCode);
            Assert.Equal(TransactionState.Trying, clients[2].State);
            h.Deliver(H.Response(180, "Ringing", "INVITE", Branch('1')));
            Assert.Equal(180, clients[0].LastStatusCode);
            Assert.Equal(TransactionState.Proceeding, clients[0].State);

            // A CANCEL (here in the REGISTER's freed slot, after Timer K) marks only the INVITE with its branch.
            h.RunUntil(h.Now + 5001);
            Assert.Equal(TransactionState.Free, clients[1].State);
            byte[] cancel = Encoding.ASCII.GetBytes(H.Request("CANCEL", Branch('1')));
            Assert.NotNull(h.Layer.SendRequest(cancel, 0, cancel.Length, Far, null, h.Now));
            Assert.True(clients[0].Cancelled);
            Assert.False(clients[2].Cancelled);
            Assert.Equal(TransactionState.Proceeding, clients[0].State);
            Assert.Equal(180, clients[0].LastStatusCode);
        }
    }
}
