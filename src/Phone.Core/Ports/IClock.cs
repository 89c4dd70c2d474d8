// Monotonic time source: the core never reads a clock itself, time is passed in.
namespace Phone.Core.Ports
{
    /// <summary>Monotonic milliseconds since an arbitrary start; never goes backwards.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since the clock's start.</summary>
        long NowMs { get; }
    }
}
