// Audio port over the ESP32 I2S peripheral: one full-duplex bus, blocking reads pace the audio thread.
namespace Phone.Device.Audio
{
    using System;
    using System.Device.I2s;
    using Phone.Core;
    using Phone.Core.Device;
    using Phone.Core.Ports;

    /// <summary>
    /// Reads and writes 20 ms frames through System.Device.I2s. The slot buffers are allocated once; the blocking
    /// I2sDevice.Read returns when the DMA has captured a frame, which is the audio thread's 20 ms clock.
    /// Sample-format conversion lives in <see cref="I2sSlotCodec"/> (core, host-tested).
    /// </summary>
    public sealed class I2sAudioPort : IAudioPort, IDisposable
    {
        private readonly I2sDevice _device;
        private readonly I2sSlotCodec _codec;
        private readonly byte[] _rx;
        private readonly byte[] _tx;

        /// <summary>Frames whose capture failed (an overrun or a driver error): the caller gets no frame.</summary>
        public int Overruns;

        /// <summary>Frames whose playback failed (an underrun or a driver error).</summary>
        public int Underruns;

        /// <summary>
        /// Opens I2S bus <paramref name="busId"/> (1 or 2, pins already routed) as master, transmit and receive,
        /// at <paramref name="wireSampleRate"/> (8000 or 16000) with <paramref name="slotBits"/> (16 or 32) per slot.
        /// </summary>
        public I2sAudioPort(int busId, int wireSampleRate, int slotBits, int captureChannel)
        {
            _codec = new I2sSlotCodec(slotBits, wireSampleRate, captureChannel);
            _rx = new byte[_codec.FrameBytes];
            _tx = new byte[_codec.FrameBytes];
            I2sConnectionSettings settings = new I2sConnectionSettings(busId);
            settings.Mode = I2sMode.Master | I2sMode.Tx | I2sMode.Rx;
            settings.CommunicationFormat = I2sCommunicationFormat.I2S;
            settings.ChannelFormat = I2sChannelFormat.RightLeft;
            settings.BitsPerSample = slotBits == 32 ? I2sBitsPerSample.Bit32 : I2sBitsPerSample.Bit16;
            settings.SampleRate = wireSampleRate;
            // Two frames of DMA: enough to ride out one late wake-up, short enough to keep mouth-to-ear delay low.
            settings.BufferSize = 2 * _codec.FrameBytes;
            _device = new I2sDevice(settings);
        }

        /// <summary>Bytes of the two slot buffers (for the memory budget).</summary>
        public int BufferBytes => _rx.Length + _tx.Length;

        /// <inheritdoc/>
        [HotPath]
        public bool ReadFrame(short[] frame, int offset)
        {
            try
            {
                _device.Read(_rx); // byte[] converts implicitly to SpanByte, a stack-only view: nothing is allocated
            }
            catch (Exception)
            {
                Overruns++;
                return false;
            }
            _codec.Decode(_rx, 0, frame, offset);
            return true;
        }

        /// <inheritdoc/>
        [HotPath]
        public void WriteFrame(short[] frame, int offset)
        {
            _codec.Encode(frame, offset, _tx, 0);
            try
            {
                _device.Write(_tx);
            }
            catch (Exception)
            {
                Underruns++;
            }
        }

        /// <inheritdoc/>
        public void Dispose() => _device.Dispose();
    }
}
