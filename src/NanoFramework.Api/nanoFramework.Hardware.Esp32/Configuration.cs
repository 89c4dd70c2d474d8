// Declares part of nanoFramework.Hardware.Esp32 1.6.42; checked against nanoframework/nanoFramework.Hardware.Esp32 tag v1.6.42 (579dbaf), nanoFramework.Hardware.Esp32/Configuration.cs, HighResTimer.cs and DeviceTypePins.cs (enums copied whole, values included).
namespace nanoFramework.Hardware.Esp32
{
    using System;

    public class Configuration // Configuration.cs:14
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw new NotImplementedException(); // Configuration.cs:25
    }

    public class HighResTimer : IDisposable // HighResTimer.cs:23
    {
        public static ulong GetCurrent() => throw new NotImplementedException(); // HighResTimer.cs:60 (microseconds since boot)
        public void Dispose() => throw new NotImplementedException(); // HighResTimer.cs:138
    }

    internal enum ValueTypes // DeviceTypePins.cs:10 (internal; carries the values DeviceFunction is built from)
    {
        Index = 0,
        DeviceIndex = 0x00000100,
        DeviceType = 0x00010000,
    }

    public enum DeviceTypes // DeviceTypePins.cs:20
    {
        GPIO = 0 * ValueTypes.DeviceType,
        SPI = 1 * ValueTypes.DeviceType,
        I2C = 2 * ValueTypes.DeviceType,
        SERIAL = 3 * ValueTypes.DeviceType,
        PWM = 4 * ValueTypes.DeviceType,
        ADC = 5 * ValueTypes.DeviceType,
        I2S = 6 * ValueTypes.DeviceType,
        SDMMC = 8 * ValueTypes.DeviceType
    }

    public enum DeviceFunction // DeviceTypePins.cs:67
    {
        SPI1_MOSI = DeviceTypes.SPI + (1 * ValueTypes.DeviceIndex) + 0,
        SPI1_MISO = DeviceTypes.SPI + (1 * ValueTypes.DeviceIndex) + 1,
        SPI1_CLOCK = DeviceTypes.SPI + (1 * ValueTypes.DeviceIndex) + 2,
        SPI2_MOSI = DeviceTypes.SPI + (2 * ValueTypes.DeviceIndex) + 0,
        SPI2_MISO = DeviceTypes.SPI + (2 * ValueTypes.DeviceIndex) + 1,
        SPI2_CLOCK = DeviceTypes.SPI + (2 * ValueTypes.DeviceIndex) + 2,
        I2C1_DATA = DeviceTypes.I2C + (1 * ValueTypes.DeviceIndex) + 0,
        I2C1_CLOCK = DeviceTypes.I2C + (1 * ValueTypes.DeviceIndex) + 1,
        I2C2_DATA = DeviceTypes.I2C + (2 * ValueTypes.DeviceIndex) + 0,
        I2C2_CLOCK = DeviceTypes.I2C + (2 * ValueTypes.DeviceIndex) + 1,
        COM1_TX  = DeviceTypes.SERIAL + (1 * ValueTypes.DeviceIndex) + 0,
        COM1_RX = DeviceTypes.SERIAL + (1 * ValueTypes.DeviceIndex) + 1,
        COM1_RTS = DeviceTypes.SERIAL + (1 * ValueTypes.DeviceIndex) + 2,
        COM1_CTS = DeviceTypes.SERIAL + (1 * ValueTypes.DeviceIndex) + 3,
        COM2_TX = DeviceTypes.SERIAL + (2 * ValueTypes.DeviceIndex) + 0,
        COM2_RX = DeviceTypes.SERIAL + (2 * ValueTypes.DeviceIndex) + 1,
        COM2_RTS = DeviceTypes.SERIAL + (2 * ValueTypes.DeviceIndex) + 2,
        COM2_CTS = DeviceTypes.SERIAL + (2 * ValueTypes.DeviceIndex) + 3,
        COM3_TX = DeviceTypes.SERIAL + (3 * ValueTypes.DeviceIndex) + 0,
        COM3_RX = DeviceTypes.SERIAL + (3 * ValueTypes.DeviceIndex) + 1,
        COM3_RTS = DeviceTypes.SERIAL + (3 * ValueTypes.DeviceIndex) + 2,
        COM3_CTS = DeviceTypes.SERIAL + (3 * ValueTypes.DeviceIndex) + 3,
        COM4_TX = DeviceTypes.SERIAL + (4 * ValueTypes.DeviceIndex) + 0,
        COM4_RX = DeviceTypes.SERIAL + (4 * ValueTypes.DeviceIndex) + 1,
        COM4_RTS = DeviceTypes.SERIAL + (4 * ValueTypes.DeviceIndex) + 2,
        COM4_CTS = DeviceTypes.SERIAL + (4 * ValueTypes.DeviceIndex) + 3,
        PWM1 =  DeviceTypes.PWM + (1 * ValueTypes.DeviceIndex) + 0,
        PWM2 =  DeviceTypes.PWM + (2 * ValueTypes.DeviceIndex) + 0,
        PWM3 =  DeviceTypes.PWM + (3 * ValueTypes.DeviceIndex) + 0,
        PWM4 =  DeviceTypes.PWM + (4 * ValueTypes.DeviceIndex) + 0,
        PWM5 =  DeviceTypes.PWM + (5 * ValueTypes.DeviceIndex) + 0,
        PWM6 =  DeviceTypes.PWM + (6 * ValueTypes.DeviceIndex) + 0,
        PWM7 =  DeviceTypes.PWM + (7 * ValueTypes.DeviceIndex) + 0,
        PWM8 =  DeviceTypes.PWM + (8 * ValueTypes.DeviceIndex) + 0,
        PWM9 =  DeviceTypes.PWM + (9 * ValueTypes.DeviceIndex) + 0,
        PWM10 = DeviceTypes.PWM + (10 * ValueTypes.DeviceIndex) + 0,
        PWM11 = DeviceTypes.PWM + (11 * ValueTypes.DeviceIndex) + 0,
        PWM12 = DeviceTypes.PWM + (12 * ValueTypes.DeviceIndex) + 0,
        PWM13 = DeviceTypes.PWM + (13 * ValueTypes.DeviceIndex) + 0,
        PWM14 = DeviceTypes.PWM + (14 * ValueTypes.DeviceIndex) + 0,
        PWM15 = DeviceTypes.PWM + (15 * ValueTypes.DeviceIndex) + 0,
        PWM16 = DeviceTypes.PWM + (16 * ValueTypes.DeviceIndex) + 0,
        ADC1_CH0 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 0,
        ADC1_CH1 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 1,
        ADC1_CH2 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 2,
        ADC1_CH3 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 3,
        ADC1_CH4 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 4,
        ADC1_CH5 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 5,
        ADC1_CH6 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 6,
        ADC1_CH7 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 7,
        ADC1_CH8 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 8,
        ADC1_CH9 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 9,
        ADC1_CH10 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 10,
        ADC1_CH11 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 11,
        ADC1_CH12 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 12,
        ADC1_CH13 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 13,
        ADC1_CH14 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 14,
        ADC1_CH15 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 15,
        ADC1_CH16 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 16,
        ADC1_CH17 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 17,
        ADC1_CH18 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 18,
        ADC1_CH19 = DeviceTypes.ADC + (1 * ValueTypes.DeviceIndex) + 19,
        I2S1_MCK = DeviceTypes.I2S + (1 * ValueTypes.DeviceIndex) + 0,
        I2S1_BCK = DeviceTypes.I2S + (1 * ValueTypes.DeviceIndex) + 1,
        I2S1_WS = DeviceTypes.I2S + (1 * ValueTypes.DeviceIndex) + 2,
        I2S1_DATA_OUT = DeviceTypes.I2S + (1 * ValueTypes.DeviceIndex) + 3,
        I2S1_MDATA_IN = DeviceTypes.I2S + (1 * ValueTypes.DeviceIndex) + 4,
        I2S2_MCK = DeviceTypes.I2S + (2 * ValueTypes.DeviceIndex) + 0,
        I2S2_BCK = DeviceTypes.I2S + (2 * ValueTypes.DeviceIndex) + 1,
        I2S2_WS = DeviceTypes.I2S + (2 * ValueTypes.DeviceIndex) + 2,
        I2S2_DATA_OUT = DeviceTypes.I2S + (2 * ValueTypes.DeviceIndex) + 3,
        I2S2_MDATA_IN = DeviceTypes.I2S + (2 * ValueTypes.DeviceIndex) + 4,
        SDMMC1_CLOCK = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 0,
        SDMMC1_COMMAND = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 1,
        SDMMC1_D0 = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 2,
        SDMMC1_D1 = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 3,
        SDMMC1_D2 = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 4,
        SDMMC1_D3 = DeviceTypes.SDMMC + (1 * ValueTypes.DeviceIndex) + 5,
        SDMMC2_CLOCK = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 0,
        SDMMC2_COMMAND = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 1,
        SDMMC2_D0 = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 2,
        SDMMC2_D1 = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 3,
        SDMMC2_D2 = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 4,
        SDMMC2_D3 = DeviceTypes.SDMMC + (2 * ValueTypes.DeviceIndex) + 5
    }
}
