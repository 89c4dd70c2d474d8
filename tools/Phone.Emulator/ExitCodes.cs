// Exit status of the emulator's commands (documented in docs/EMULATOR.md and each command's --help).
namespace Phone.Emulator
{
    internal static class ExitCodes
    {
        /// <summary>Everything done, every check passed.</summary>
        public const int Ok = 0;

        /// <summary>A step or a check failed (the output says which).</summary>
        public const int Failed = 1;

        /// <summary>The environment refused: a port is taken, a file cannot be read.</summary>
        public const int Unavailable = 2;

        /// <summary>Bad command line (sysexits.h EX_USAGE).</summary>
        public const int Usage = 64;
    }
}
