// Host TCP/TLS connection behind the core's stream port: a reader thread fills a buffer the core drains without blocking.
namespace Phone.Host.Net
{
    using System;
    using System.IO;
    using System.Net.Sockets;
    using System.Threading;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// Wraps a connected socket's stream (a NetworkStream or an authenticated SslStream). SslStream has no
    /// non-blocking read, so a background thread reads into a bounded buffer; <see cref="Receive"/> copies out.
    /// Exceptions stop at this boundary: the connection then reads as closed.
    /// </summary>
    public sealed class HostStreamConnection : IStreamConnection, IDisposable
    {
        private readonly TcpClient _client;
        private readonly Stream _stream;
        private readonly object _gate = new object();
        private readonly byte[] _inbox = new byte[65536];
        private int _inboxCount;
        private bool _open = true;

        /// <summary>Takes over a connected client and its (possibly TLS) stream and starts reading.</summary>
        public HostStreamConnection(TcpClient client, Stream stream, NetEndPoint remote)
        {
            _client = client;
            _stream = stream;
            RemoteEndPoint = remote;
            var reader = new Thread(ReadLoop) { IsBackground = true, Name = "sip-stream-rx" };
            reader.Start();
        }

        /// <inheritdoc/>
        public NetEndPoint RemoteEndPoint { get; }

        /// <inheritdoc/>
        public bool IsOpen
        {
            get { lock (_gate) return _open || _inboxCount > 0; }
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count)
        {
            try
            {
                lock (_stream)
                {
                    _stream.Write(buffer, offset, count);
                    _stream.Flush();
                }
                return true;
            }
            catch (Exception)
            {
                Close();
                return false;
            }
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                if (_inboxCount == 0) return _open ? 0 : -1;
                int n = Math.Min(count, _inboxCount);
                Array.Copy(_inbox, 0, buffer, offset, n);
                Array.Copy(_inbox, n, _inbox, 0, _inboxCount - n);
                _inboxCount -= n;
                Monitor.PulseAll(_gate);
                return n;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            lock (_gate)
            {
                if (!_open) return;
                _open = false;
                Monitor.PulseAll(_gate);
            }
            try { _stream.Dispose(); } catch (Exception) { }
            try { _client.Dispose(); } catch (Exception) { }
        }

        /// <inheritdoc/>
        public void Dispose() => Close();

        private void ReadLoop()
        {
            byte[] chunk = new byte[4096];
            try
            {
                while (true)
                {
                    int n = _stream.Read(chunk, 0, chunk.Length);
                    if (n <= 0) break;
                    lock (_gate)
                    {
                        // Back-pressure: wait for the core to drain rather than grow.
                        while (_open && _inboxCount + n > _inbox.Length) Monitor.Wait(_gate, 100);
                        if (!_open) return;
                        Array.Copy(chunk, 0, _inbox, _inboxCount, n);
                        _inboxCount += n;
                    }
                }
            }
            catch (Exception)
            {
                // Reset, TLS alert or our own Close: the connection reads as closed.
            }
            lock (_gate) _open = false;
        }
    }
}
