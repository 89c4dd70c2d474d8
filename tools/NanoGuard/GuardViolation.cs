// One finding of the IL guard.
namespace NanoGuard
{
    /// <summary>A rule broken at a named member.</summary>
    public sealed class GuardViolation
    {
        /// <summary>Creates a violation.</summary>
        public GuardViolation(GuardRule rule, string member, string detail)
        {
            Rule = rule;
            Member = member;
            Detail = detail;
        }

        /// <summary>The rule broken.</summary>
        public GuardRule Rule { get; }

        /// <summary>The type or method where it happens, e.g. "Phone.Core.Media.MediaSession::Tick".</summary>
        public string Member { get; }

        /// <summary>What was found, e.g. "newarr System.Byte".</summary>
        public string Detail { get; }

        /// <inheritdoc/>
        public override string ToString() => Rule + " in " + Member + ": " + Detail;
    }
}
