// ES8388 codec set-up over I2C (Everest ES8388 datasheet register map; the order follows Espressif's ESP-ADF driver).
namespace Phone.Device.Audio
{
    using System;
    using System.Device.I2c;

    /// <summary>
    /// Puts the ES8388 of the ESP32-A1S Audio Kit in I2S slave mode, 16-bit Philips, MCLK = 256·fs, DAC to
    /// LOUT1/ROUT1 + LOUT2/ROUT2, ADC from LINPUT2/RINPUT2 (the kit's on-board microphones) with 24 dB mic gain.
    /// The table is data so that it can be read against the datasheet line by line.
    /// </summary>
    public sealed class Es8388Codec : IDisposable
    {
        /// <summary>7-bit I2C address with CE low (0x20 in 8-bit notation).</summary>
        public const int Address = 0x10;

        /// <summary>(register, value) pairs written in order at start-up.</summary>
        public static readonly byte[] InitSequence =
        {
            0x19, 0x04, // DACCONTROL3: mute the DAC while configuring
            0x01, 0x50, // CONTROL2: reference and low-power bias defaults
            0x02, 0x00, // CHIPPOWER: power up every block
            0x08, 0x00, // MASTERMODE: codec is I2S slave, the ESP32 drives BCK/WS
            0x04, 0xC0, // DACPOWER: DACs off while configuring
            0x00, 0x12, // CONTROL1: play and record, VMID 50 kΩ
            0x17, 0x18, // DACCONTROL1: I2S format, 16-bit words
            0x18, 0x02, // DACCONTROL2: single speed, MCLK/LRCK = 256
            0x26, 0x00, // DACCONTROL16: mixer inputs LIN1/RIN1
            0x27, 0x90, // DACCONTROL17: left DAC to left mixer, 0 dB
            0x2A, 0x90, // DACCONTROL20: right DAC to right mixer, 0 dB
            0x2B, 0x80, // DACCONTROL21: ADC and DAC share one LRCK
            0x2D, 0x00, // DACCONTROL23: VROI 1.5 kΩ
            0x1A, 0x00, // DACCONTROL4: left DAC volume 0 dB
            0x1B, 0x00, // DACCONTROL5: right DAC volume 0 dB
            0x2E, 0x1E, // DACCONTROL24: LOUT1 volume 0 dB
            0x2F, 0x1E, // DACCONTROL25: ROUT1 volume 0 dB
            0x30, 0x1E, // DACCONTROL26: LOUT2 volume 0 dB
            0x31, 0x1E, // DACCONTROL27: ROUT2 volume 0 dB
            0x04, 0x3C, // DACPOWER: LOUT1/ROUT1/LOUT2/ROUT2 on, DACs on
            0x03, 0xFF, // ADCPOWER: ADC off while configuring
            0x09, 0x88, // ADCCONTROL1: mic PGA +24 dB left and right
            0x0A, 0x50, // ADCCONTROL2: LINPUT2/RINPUT2
            0x0B, 0x02, // ADCCONTROL3: mono mix off
            0x0C, 0x0C, // ADCCONTROL4: I2S format, 16-bit words
            0x0D, 0x02, // ADCCONTROL5: single speed, MCLK/LRCK = 256
            0x10, 0x00, // ADCCONTROL8: left ADC volume 0 dB
            0x11, 0x00, // ADCCONTROL9: right ADC volume 0 dB
            0x03, 0x09, // ADCPOWER: ADC and inputs on, MIC bias off
            0x19, 0x00, // DACCONTROL3: unmute
        };

        private readonly I2cDevice _i2c;
        private readonly byte[] _pair = new byte[2];

        /// <summary>Opens the codec on I2C bus <paramref name="busId"/> (pins already routed with Configuration.SetPinFunction).</summary>
        public Es8388Codec(int busId)
        {
            _i2c = new I2cDevice(new I2cConnectionSettings(busId, Address, I2cBusSpeed.StandardMode));
        }

        /// <summary>Writes <see cref="InitSequence"/>; returns the index of the first failed write, or -1 when all were acknowledged.</summary>
        public int Initialise()
        {
            for (int i = 0; i < InitSequence.Length; i += 2)
            {
                if (!WriteRegister(InitSequence[i], InitSequence[i + 1])) return i / 2;
            }
            return -1;
        }

        /// <summary>Writes one register; false when the codec did not acknowledge.</summary>
        public bool WriteRegister(byte register, byte value)
        {
            _pair[0] = register;
            _pair[1] = value;
            return _i2c.Write(new SpanByte(_pair)).Status == I2cTransferStatus.FullTransfer;
        }

        /// <inheritdoc/>
        public void Dispose() => _i2c.Dispose();
    }
}
