// Raised by a fuzz target when a parser accepted an input but returned something impossible; AFL counts it as a crash.
namespace Phone.Fuzz
{
    using System;

    /// <summary>A parser broke one of its documented output invariants.</summary>
    public sealed class InvariantException : Exception
    {
        /// <summary>Creates the exception with a description of the broken invariant.</summary>
        public InvariantException(string message) : base(message)
        {
        }
    }
}
