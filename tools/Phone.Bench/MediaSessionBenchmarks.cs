// One full MediaSession tick (receive, jitter buffer, decode, play, capture, encode, send, RTCP) and jitter-buffer
// put/get, with in-memory ports.
namespace Phone.Bench
{
    using BenchmarkDotNet.Attributes;
    using Phone.Core.Media;
    using Phone.Core.Media.Jitter;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    [MemoryDiagnoser]
    public class MediaSessionBenchmarks
    {
        private sealed class LoopSocket : IDatagramSocket
        {
            private readonly byte[][] _data = new byte[16][];
            private readonly int[] _len = new int[16];
            private int _head, _count;
            public LoopSocket Peer;
            public NetEndPoint Local;

            public LoopSocket(NetEndPoint local)
            {
                Local = local;
                for (int i = 0; i < 16; i++) _data[i] = new byte[1500];
            }

            public NetEndPoint LocalEndPoint => Local;

            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                LoopSocket p = Peer;
                if (p._count == 16) return true;
                int i = (p._head + p._count) % 16;
                System.Array.Copy(buffer, offset, p._data[i], 0, count);
                p._len[i] = count;
                p._count++;
                return true;
            }

            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
            {
                remote = Peer.Local;
                if (_count == 0) return 0;
                int n = _len[_head];
                System.Array.Copy(_data[_head], 0, buffer, offset, n);
                _head = (_head + 1) % 16;
                _count--;
                return n;
            }

            public bool WaitReadable(int timeoutMs) => _count > 0;
            public void Close() { }
        }

        private sealed class Audio : IAudioPort
        {
            private readonly short[] _tone = new short[160];
            public Audio()
            {
                for (int i = 0; i < 160; i++) _tone[i] = (short)((i % 20) * 1500 - 15000);
            }
            public bool ReadFrame(short[] frame, int offset)
            {
                System.Array.Copy(_tone, 0, frame, offset, 160);
                return true;
            }
            public void WriteFrame(short[] frame, int offset) { }
        }

        private MediaSession _a, _b;
        private long _now;
        private JitterBuffer _jb;
        private byte[] _payload;
        private short[] _frame;
        private uint _ts;

        [GlobalSetup]
        public void Setup()
        {
            var ea = new NetEndPoint(0x0A000001, 4000);
            var eb = new NetEndPoint(0x0A000002, 4002);
            var sa = new LoopSocket(ea);
            var sb = new LoopSocket(eb);
            sa.Peer = sb;
            sb.Peer = sa;
            _a = new MediaSession(new Audio(), sa, null, new MediaSessionConfig { RemoteRtp = eb, RandomSeed = 1 }, 0);
            _b = new MediaSession(new Audio(), sb, null, new MediaSessionConfig { RemoteRtp = ea, RandomSeed = 2 }, 0);
            for (int i = 0; i < 500; i++) TwoSessionTick();
            _jb = new JitterBuffer(32, 240);
            _payload = new byte[160];
            for (int i = 0; i < 160; i++) _payload[i] = (byte)(0x80 + (i & 63));
            _frame = new short[160];
        }

        /// <summary>One 20 ms frame on both ends of a call (so per end: half of this).</summary>
        [Benchmark]
        public void TwoSessionTick()
        {
            _now += 20;
            _a.Tick(_now);
            _b.Tick(_now);
        }

        /// <summary>One packet in and one frame out of the jitter buffer (steady stream).</summary>
        [Benchmark]
        public void JitterBufferPutGet()
        {
            _jb.Put(_ts, 0, _payload, 0, 160, _now);
            _jb.Get(_now, _frame, 0);
            _ts += 160;
            _now += 20;
        }
    }
}
