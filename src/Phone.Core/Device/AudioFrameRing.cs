// Fixed ring of 20 ms PCM frames: the only place the protocol thread and the audio thread meet.
namespace Phone.Core.Device
{
    using Phone.Core.Ports;

    /// <summary>
    /// A single-producer single-consumer ring of <see cref="AudioFormat.FrameSamples"/>-sample frames, allocated once.
    /// A full ring drops the incoming frame (counted as an overrun); an empty ring yields nothing (counted as an
    /// underrun) so that the reader plays silence instead of waiting. A lock, not volatile fields, guards the indices:
    /// nanoFramework has no volatile, and the critical section is a 160-sample copy.
    /// </summary>
    public sealed class AudioFrameRing
    {
        private readonly short[] _samples;
        private readonly int _capacity;
        private readonly object _gate = new object();
        private int _head;
        private int _count;

        /// <summary>Frames written while the ring was full (the newest frame was dropped).</summary>
        public int Overruns;

        /// <summary>Reads attempted while the ring was empty.</summary>
        public int Underruns;

        /// <summary>Creates a ring holding up to <paramref name="capacityFrames"/> frames (at least 1).</summary>
        public AudioFrameRing(int capacityFrames)
        {
            _capacity = capacityFrames < 1 ? 1 : capacityFrames;
            _samples = new short[_capacity * AudioFormat.FrameSamples];
        }

        /// <summary>Frames the ring can hold.</summary>
        public int Capacity => _capacity;

        /// <summary>Frames waiting to be read.</summary>
        public int Count
        {
            get { lock (_gate) { return _count; } }
        }

        /// <summary>Bytes of managed heap held by the sample store.</summary>
        public int SampleBytes => _samples.Length * 2;

        /// <summary>Copies one frame in; false (and an overrun counted) when the ring is full.</summary>
        [HotPath]
        public bool TryWrite(short[] frame, int offset)
        {
            lock (_gate)
            {
                if (_count == _capacity)
                {
                    Overruns++;
                    return false;
                }
                int slot = (_head + _count) % _capacity;
                System.Array.Copy(frame, offset, _samples, slot * AudioFormat.FrameSamples, AudioFormat.FrameSamples);
                _count++;
                return true;
            }
        }

        /// <summary>Copies the oldest frame out; false (and an underrun counted) when the ring is empty.</summary>
        [HotPath]
        public bool TryRead(short[] frame, int offset)
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    Underruns++;
                    return false;
                }
                System.Array.Copy(_samples, _head * AudioFormat.FrameSamples, frame, offset, AudioFormat.FrameSamples);
                _head = (_head + 1) % _capacity;
                _count--;
                return true;
            }
        }

        /// <summary>Drops every queued frame (call start or hold).</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _head = 0;
                _count = 0;
            }
        }
    }
}
