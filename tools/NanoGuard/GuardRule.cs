// The kinds of violation the IL guard reports.
namespace NanoGuard
{
    /// <summary>What a violation breaks.</summary>
    public enum GuardRule
    {
        /// <summary>A generic type or method instantiation (Func&lt;int,int&gt;, List&lt;T&gt;): nanoCLR 1.17 crashes resolving it.</summary>
        GenericInstantiation,
        /// <summary>A generic type or method definition (class Box&lt;T&gt;, void M&lt;T&gt;()).</summary>
        GenericDefinition,
        /// <summary>A pointer or function-pointer type: the metadata processor rejects it.</summary>
        PointerType,
        /// <summary>An interface method with a body (default interface method): throws at the call on nanoCLR.</summary>
        DefaultInterfaceMethod,
        /// <summary>A volatile field (modreq IsVolatile): not supported by nano mscorlib.</summary>
        VolatileField,
        /// <summary>enum.ToString() or boxing an enum for formatting: prints a number on nanoCLR.</summary>
        EnumToString,
        /// <summary>An allocation (newobj, newarr, box, string concatenation, string.Format) inside a [HotPath] method.</summary>
        HotPathAllocation,
    }
}
