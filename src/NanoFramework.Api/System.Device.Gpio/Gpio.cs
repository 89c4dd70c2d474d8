// Declares part of nanoFramework.System.Device.Gpio 1.1.62; checked against nanoframework/System.Device.Gpio tag v1.1.62 (cd99158), System.Device.Gpio/GpioController.cs, GpioPin.cs, PinValue.cs, PinMode.cs, PinValueChangedEventArgs.cs, PinEventTypes.cs.
namespace System.Device.Gpio
{
    using nanoFramework.Runtime.Events;

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e); // GpioPin.cs:12

    public sealed class GpioController : IDisposable // GpioController.cs:13
    {
        public GpioController() => throw new NotImplementedException(); // GpioController.cs:28
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw new NotImplementedException(); // GpioController.cs:79
        public void Dispose() => throw new NotImplementedException(); // GpioController.cs:139
    }

    // The source spells the name "Gpio\u200BPin" (a zero-width space); C# drops format characters from identifiers.
    public sealed class GpioPin : IDisposable // GpioPin.cs:19
    {
        internal GpioPin(int pinNumber) { } // GpioPin.cs:38 (internal: pins come from GpioController.OpenPin)
        public PinValue Read() => throw new NotImplementedException(); // GpioPin.cs:151 (extern in the real assembly)
        public void Write(PinValue value) => throw new NotImplementedException(); // GpioPin.cs:162
        public event PinValueChangedEventHandler ValueChanged; // GpioPin.cs:177 (the real one has add/remove accessors)
        public void Dispose() => throw new NotImplementedException(); // GpioPin.cs:286
    }

    public readonly struct PinValue // PinValue.cs:10
    {
        public static PinValue High => throw new NotImplementedException(); // PinValue.cs:22
        public static PinValue Low => throw new NotImplementedException(); // PinValue.cs:27
        public static explicit operator int(PinValue value) => throw new NotImplementedException(); // PinValue.cs:51
    }

    public class PinValueChangedEventArgs : BaseEvent // PinValueChangedEventArgs.cs:12
    {
        internal PinValueChangedEventArgs() { } // (the real constructor is public with (PinEventTypes, int); only the runtime creates these)
        public PinEventTypes ChangeType => throw new NotImplementedException(); // PinValueChangedEventArgs.cs:28
    }

    [Flags]
    public enum PinEventTypes // PinEventTypes.cs:12
    {
        None = 0, Rising = 1, Falling = 2,
    }

    public enum PinMode // PinMode.cs:10
    {
        Input, InputPullDown, InputPullUp, Output, OutputOpenDrain, OutputOpenDrainPullUp, OutputOpenSource,
        OutputOpenSourcePullDown,
    }
}
