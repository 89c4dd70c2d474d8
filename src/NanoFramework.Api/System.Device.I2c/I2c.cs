// Declares part of nanoFramework.System.Device.I2c 1.1.29; checked against nanoframework/System.Device.I2c tag v1.1.29 (ac5858c), System.Device.I2c/I2cDevice.cs, I2cConnectionSettings.cs, I2cTransferResult.cs and the enum files (all values copied).
namespace System.Device.I2c
{
    public class I2cDevice : IDisposable // I2cDevice.cs:12
    {
        public I2cDevice(I2cConnectionSettings settings) => throw new NotImplementedException(); // I2cDevice.cs:128
        public I2cTransferResult Write(SpanByte buffer) => throw new NotImplementedException(); // I2cDevice.cs:87
        public void Dispose() => throw new NotImplementedException(); // I2cDevice.cs:163
    }

    public sealed class I2cConnectionSettings // I2cConnectionSettings.cs:10
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw new NotImplementedException(); // I2cConnectionSettings.cs:39
    }

    public struct I2cTransferResult // I2cTransferResult.cs:11
    {
        public I2cTransferStatus Status => throw new NotImplementedException(); // I2cTransferResult.cs:28
    }

    public enum I2cBusSpeed // I2cBusSpeed.cs:12
    {
        StandardMode, FastMode, FastModePlus,
    }

    public enum I2cTransferStatus // I2cTransferStatus.cs:10
    {
        UnknownError, FullTransfer, ClockStretchTimeout, PartialTransfer, SlaveAddressNotAcknowledged,
    }
}
