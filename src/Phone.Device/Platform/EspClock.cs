// Monotonic clock from the ESP32 high-resolution timer (esp_timer: microseconds since boot).
namespace Phone.Device.Platform
{
    using nanoFramework.Hardware.Esp32;
    using Phone.Core.Ports;

    /// <summary>
    /// Milliseconds since boot. DateTime.UtcNow is not used because SNTP steps it; nanoFramework's mscorlib has no
    /// Stopwatch or Environment.TickCount.
    /// </summary>
    public sealed class EspClock : IClock
    {
        /// <inheritdoc/>
        public long NowMs => (long)(HighResTimer.GetCurrent() / 1000UL);
    }
}
