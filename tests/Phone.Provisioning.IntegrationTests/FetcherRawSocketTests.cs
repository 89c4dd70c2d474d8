// HostHttpsFetcher against raw TCP peers that are not TLS servers: a silent one (handshake timeout) and a plain-text one.
namespace Phone.Provisioning.IntegrationTests
{
    using System.Diagnostics;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading.Tasks;
    using Phone.Core.Ports;
    using Phone.Host.Net;

    public sealed class FetcherRawSocketTests
    {
        [Fact]
        public async Task PeerThatNeverAnswersTheHandshakeIsTimeout()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                Stopwatch watch = Stopwatch.StartNew();
                HttpsResponse r = new HostHttpsFetcher(null).Send(TestServer.Get("https://127.0.0.1:" + port + "/x.cfg", timeoutMs: 600));
                Assert.Equal(HttpsOutcome.Timeout, r.Outcome);
                Assert.InRange(watch.ElapsedMilliseconds, 400, 5000);
                (await accepted).Dispose();
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public async Task PlainHttpPeerIsTlsError()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                Task serve = Task.Run(async () =>
                {
                    using TcpClient peer = await listener.AcceptTcpClientAsync();
                    byte[] reply = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await peer.GetStream().WriteAsync(reply);
                    await Task.Delay(200);
                });
                HttpsResponse r = new HostHttpsFetcher(null).Send(TestServer.Get("https://127.0.0.1:" + port + "/x.cfg", timeoutMs: 5000));
                Assert.True(r.Outcome == HttpsOutcome.TlsError, r.Outcome + " " + r.Detail);
                Assert.Equal(0, r.StatusCode);
                await serve;
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
