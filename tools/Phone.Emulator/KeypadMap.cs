// Terminal keystrokes of the emulated desk phone mapped to console commands (one key, like a desk phone's buttons).
namespace Phone.Emulator
{
    using System;

    /// <summary>
    /// Turns keystrokes into the commands <see cref="PhoneConsole"/> executes: keypad keys at once, function keys
    /// (a, h, f, q, Enter/Space for the hook) at once, and t / d start a number entry that Enter completes.
    /// </summary>
    internal sealed class KeypadMap
    {
        private string _entryCommand;   // "transfer" or "dial" while a number is typed
        private string _entry = "";

        /// <summary>The entry in progress for the display ("transfer to 10_"), or "".</summary>
        public string Entry => _entryCommand == null ? "" : (_entryCommand == "dial" ? "dial " : "transfer to ") + _entry + "_";

        /// <summary>The command for a keystroke, or null when the key only edits the entry or means nothing.</summary>
        public string OnKey(ConsoleKey key, char c)
        {
            if (_entryCommand != null)
            {
                if (key == ConsoleKey.Escape)
                {
                    _entryCommand = null;
                    return null;
                }
                if (key == ConsoleKey.Backspace)
                {
                    if (_entry.Length > 0) _entry = _entry.Substring(0, _entry.Length - 1);
                    return null;
                }
                if (key == ConsoleKey.Enter)
                {
                    string cmd = _entry.Length > 0 ? _entryCommand + " " + _entry : null;
                    _entryCommand = null;
                    return cmd;
                }
                if (IsKeypad(c) || c == '.' || c == ':' || c == '@' || char.IsLetter(c)) _entry += c;
                return null;
            }
            if (IsKeypad(c)) return c.ToString();
            if (key == ConsoleKey.Enter || key == ConsoleKey.Spacebar) return "hook";
            switch (char.ToLowerInvariant(c))
            {
                case 'a': return "answer";
                case 'h': return "hold-toggle";
                case 'f': return "flash";
                case 'q': return "quit";
                case '?': return "help";
                case 's': return "status";
                case 't':
                case 'd':
                    _entryCommand = char.ToLowerInvariant(c) == 't' ? "transfer" : "dial";
                    _entry = "";
                    return null;
                default: return null;
            }
        }

        public static bool IsKeypad(char c) => (c >= '0' && c <= '9') || c == '*' || c == '#';
    }
}
