// Declares part of nanoFramework.System.Device.I2s 1.0.28; checked against nanoframework/System.Device.I2s tag v1.0.28 (9bb5e92), System.Device.I2s/I2sDevice.cs, I2sConnectionSettings.cs and the enum files (all values copied).
namespace System.Device.I2s
{
    public class I2sDevice : IDisposable // I2sDevice.cs:14
    {
        public I2sDevice(I2sConnectionSettings settings) => throw new NotImplementedException(); // I2sDevice.cs:25
        public void Read(SpanByte buffer) => throw new NotImplementedException(); // I2sDevice.cs:48 (extern in the real assembly; blocks until filled)
        public void Write(SpanByte buffer) => throw new NotImplementedException(); // I2sDevice.cs:58 (extern in the real assembly; blocks until queued)
        public void Dispose() => throw new NotImplementedException(); // I2sDevice.cs:91
    }

    public sealed class I2sConnectionSettings // I2sConnectionSettings.cs:13
    {
        public I2sConnectionSettings(int busId) => throw new NotImplementedException(); // I2sConnectionSettings.cs:41
        public I2sMode Mode { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:73
        public I2sBitsPerSample BitsPerSample { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:86
        public I2sChannelFormat ChannelFormat { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:99
        public I2sCommunicationFormat CommunicationFormat { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:112
        public int SampleRate { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:125
        public int BufferSize { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // I2sConnectionSettings.cs:142
    }

    [Flags]
    public enum I2sMode // I2sMode.cs:12
    {
        Master = 1 << 0, Slave = 1 << 1, Tx = 1 << 2, Rx = 1 << 3, DacBuiltIn = 1 << 4, AdcBuiltIn = 1 << 5, Pdm = 1 << 6,
    }

    public enum I2sBitsPerSample // I2sBitsPerSample.cs:11
    {
        Bit8 = 8, Bit16 = 16, Bit24 = 24, Bit32 = 32,
    }

    public enum I2sChannelFormat // I2sChannelFormat.cs:11
    {
        RightLeft = 0x00, AllRight, AllLeft, OnlyRight, OnlyLeft,
    }

    public enum I2sCommunicationFormat // I2sCommunicationFormat.cs:11
    {
        I2S = 0x01, Msb = 0x03, PcmShort = 0x04, PcmLong = 0x0C, Max,
    }
}
