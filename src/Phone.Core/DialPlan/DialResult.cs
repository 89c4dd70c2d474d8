// State of digit collection against a Cisco SPA style digit map (the UI plays dial tone/reorder from it).
namespace Phone.Core.DialPlan
{
    /// <summary>What the digits collected so far mean.</summary>
    public enum DialResult : byte
    {
        /// <summary>No pattern matches yet but some could with more digits: wait (long inter-digit timer).</summary>
        Incomplete = 0,

        /// <summary>A pattern matches but a longer one could too: wait the short timer, then dial.</summary>
        PartialMatch = 1,

        /// <summary>Dial now; <see cref="DigitMapMatcher.Number"/> holds the rewritten number.</summary>
        FullMatch = 2,

        /// <summary>No pattern can match (or the long timer ran out): play reorder.</summary>
        NoMatch = 3,

        /// <summary>A '!' pattern matched: the number is barred.</summary>
        Blocked = 4,
    }
}
