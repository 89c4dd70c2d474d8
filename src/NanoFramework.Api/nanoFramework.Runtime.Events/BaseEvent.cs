// Declares part of nanoFramework.Runtime.Events 1.11.37; checked against nanoframework/nanoFramework.Runtime.Events tag v1.11.37 (6dd93c1), nanoFramework.Runtime.Events/BaseEvent.cs.
namespace nanoFramework.Runtime.Events
{
    public class BaseEvent // BaseEvent.cs:12 (base of PinValueChangedEventArgs; no member is used)
    {
    }
}
