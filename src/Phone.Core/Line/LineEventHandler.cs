// Callback for line events (non-generic: nanoFramework 1.x has no generic delegates).
namespace Phone.Core.Line
{
    /// <summary>Receives a line event; <paramref name="digit"/> is set for Digit and Key, '\0' otherwise.</summary>
    public delegate void LineEventHandler(LineEvent kind, char digit, long atMs);
}
