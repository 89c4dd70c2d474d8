// The emulated desk phone's console commands and terminal keys, as shown by --help and `help`.
namespace Phone.Emulator
{
    internal static class KeypadHelp
    {
        public const string Commands =
            "    off | offhook          lift the handset (dial tone; answers a ringing call)\n" +
            "    on | onhook | hangup   put it down (ends the call; rejects a ringing call with 486)\n" +
            "    hook                   lift when down, put down when lifted\n" +
            "    102#  (0-9 * # only)   keypad keys: dial when off hook, RFC 4733 DTMF during a call\n" +
            "    dial NUMBER            lift and call an extension (office directory: straight to that desk) or sip: URI\n" +
            "    answer                 answer the ringing call\n" +
            "    hold | resume          re-INVITE a=sendonly / a=sendrecv (RFC 3264)\n" +
            "    transfer NUMBER        blind transfer of the call (REFER, RFC 3515)\n" +
            "    dtmf DIGITS            send DIGITS as RFC 4733 events\n" +
            "    flash                  hook flash (second call; attended transfer)\n" +
            "    status                 print the device's status line\n" +
            "    wait MS                pause\n" +
            "    wait STATE [MS]        until the line is onhook|dialtone|dialing|calling|ringing|talking|finished|transferring,\n" +
            "                           or registered|held|resumed|dtmf:DIGITS (received); fails after MS (default 10000)\n" +
            "    # text                 a comment\n" +
            "    quit | q               hang up, unregister and leave (also at the end of the input)\n";

        public const string Keys = "keys: 0-9*# keypad · Enter/Space hook · a answer · h hold/resume · t transfer · d dial · f flash · Esc cancel · ? help · q quit";
    }
}
