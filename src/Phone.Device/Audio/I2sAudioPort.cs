// Audio port over the ESP32 I2S peripheral: one full-duplex bus, blocking reads pace the audio thread.
namespace Phone.Device.Audio
{
    using System;
    using System.Device.I2s;
    using Phone.Core;
    using Phone.Core.Device;
    using Phone.Core.Ports;

    /// <summary>
    /// Reads and writes 20 ms frames through System.Device.I2s, each in <see cref="I2sSlotCodec.PiecesPerFrame"/> pieces
    /// of 5 ms: the slot buffers (allocated once) hold one piece, a quarter of what a whole frame's slots take on the
    /// heap. The blocking I2sDevice.Read of each piece returns when the DMA has captured it, so a frame still returns
    /// after 20 ms of capture: the audio thread's clock. Sample-format conversion lives in <see cref="I2sSlotCodec"/>
    /// (core, host-tested, also in pieces).
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
            _rx = new byte[_codec.PieceBytes];
            _tx = new byte[_codec.PieceBytes];
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
            for (int k = 0; k < I2sSlotCodec.PiecesPerFrame; k++)
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
                _codec.Decode(_rx, 0, frame, offset + k * I2sSlotCodec.PieceSamples, I2sSlotCodec.PieceSamples);
            }
            return true;
        }

        /// <inheritdoc/>
        [HotPath]
        public void WriteFrame(short[] frame, int offset)
        {
            for (int k = 0; k < I2sSlotCodec.PiecesPerFrame; k++)
            {
                _codec.Encode(frame, offset + k * I2sSlotCodec.PieceSamples, I2sSlotCodec.PieceSamples, _tx, 0);
                try
                {
                    _device.Write(_tx);
                }
                catch (Exception)
                {
                    // One count per frame: the rest of it is not written either.
                    Underruns++;
                    return;
                }
            }
        }

        /// <inheritdoc/>
        public void Dispose() => _device.Dispose();
    }
}
