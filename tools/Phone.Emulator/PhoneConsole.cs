// The emulated desk phone's console: hook, keypad and call commands from a TextReader (or keystrokes) to a PhoneAgent.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Concurrent;
    using System.Diagnostics;
    using System.IO;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Host.Agent;

    /// <summary>
    /// Executes console commands (see <see cref="KeypadHelp.Commands"/>) on a running <see cref="HostPhone"/> and
    /// reports what the phone does (line and registration changes, received DTMF) through an <see cref="IStatusView"/>.
    /// A command that cannot be done (hold without a call, a wait that times out) is reported and counted in
    /// <see cref="Failures"/>, so a script can fail a CI job.
    /// </summary>
    internal sealed class PhoneConsole
    {
        private const int DefaultWaitMs = 10000;
        private readonly HostPhone _phone;
        private readonly string _name;
        private readonly IStatusView _view;
        private PhoneState _lastLine = PhoneState.OnHook;
        private RegistrationState _lastRegistration = RegistrationState.Unregistered;
        private bool _lastRemoteHold;
        private volatile bool _quitRequested;

        public PhoneConsole(HostPhone phone, string name, IStatusView view)
        {
            _phone = phone;
            _name = name;
            _view = view;
        }

        /// <summary>Commands that failed (refused, unknown, or a wait that timed out).</summary>
        public int Failures { get; private set; }

        /// <summary>Digits received as RFC 4733 events since the start, in order.</summary>
        public string DigitsReceived { get; private set; } = "";

        /// <summary>True after quit (or the end of the input).</summary>
        public bool Quit { get; private set; }

        /// <summary>Asks the loop to hang up, unregister and leave (Ctrl+C); safe from any thread.</summary>
        public void RequestQuit() => _quitRequested = true;

        /// <summary>Reads one command per line until quit or the end of <paramref name="input"/>; 0, or 1 when a command failed.</summary>
        public int RunLines(TextReader input)
        {
            // The reader blocks on stdin; a thread feeds the loop so that events still show while nobody types.
            var lines = new BlockingCollection<string>();
            var reader = new Thread(() =>
            {
                try
                {
                    string line;
                    while ((line = input.ReadLine()) != null) lines.Add(line);
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
                lines.CompleteAdding();
            }) { IsBackground = true, Name = "console input" };
            reader.Start();
            _view.Run(() =>
            {
                Watch();
                if (_quitRequested) Execute("quit");
                if (Quit) return false;
                if (lines.TryTake(out string line, 50))
                {
                    Execute(line);
                }
                else if (lines.IsCompleted)
                {
                    Execute("quit");
                }
                return !Quit;
            });
            return Failures > 0 ? 1 : 0;
        }

        /// <summary>Live keypad: keystrokes from <paramref name="readKey"/> (null when none is waiting) until q.</summary>
        public int RunKeys(Func<ConsoleKeyInfo?> readKey, Action<string> showEntry)
        {
            var map = new KeypadMap();
            showEntry(KeypadHelp.Keys);
            _view.Run(() =>
            {
                Watch();
                if (_quitRequested) Execute("quit");
                if (Quit) return false;
                ConsoleKeyInfo? k = readKey();
                if (k == null)
                {
                    Thread.Sleep(30);
                    return true;
                }
                string command = map.OnKey(k.Value.Key, k.Value.KeyChar);
                showEntry(map.Entry.Length > 0 ? map.Entry : KeypadHelp.Keys);
                if (command != null) Execute(command);
                return !Quit;
            });
            return Failures > 0 ? 1 : 0;
        }

        /// <summary>Executes one command line; false when it failed.</summary>
        public bool Execute(string line)
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith("#") && line.Length > 1 && line[1] == ' ') return true;
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string verb = parts[0].ToLowerInvariant();
            string arg = parts.Length > 1 ? parts[1] : null;
            if (IsKeys(line))
            {
                // Keypad keys: the line controller sends them as DTMF in a call, else to the dial plan.
                _phone.Do((a, now) =>
                {
                    foreach (char c in line)
                    {
                        if (c != ' ') a.Digit(c, now);
                    }
                });
                return Done("keys " + line);
            }
            switch (verb)
            {
                case "off":
                case "offhook":
                    _phone.Do((a, now) => a.OffHook(now));
                    return Done("off hook");
                case "on":
                case "onhook":
                case "hangup":
                    _phone.Do((a, now) => a.OnHook(now));
                    return Done("on hook");
                case "hook":
                    bool down = _phone.Get(a => a.State == PhoneState.OnHook || a.State == PhoneState.Ringing);
                    return Execute(down ? "off" : "on");
                case "dial":
                    if (arg == null) return Refused("dial needs a number");
                    return Result("dial " + arg, Ask((a, now) => a.Dial(arg, now)), "no call placed: the line is busy or the number is not valid");
                case "answer":
                    return Result("answer", Ask((a, now) => a.Answer(now)), "nothing is ringing");
                case "hold":
                    return Result("hold", Ask((a, now) => a.Hold(true, now)), "no connected call");
                case "resume":
                case "unhold":
                    return Result("resume", Ask((a, now) => a.Hold(false, now)), "no connected call");
                case "hold-toggle":
                    bool held = _phone.Get(a => a.ActiveCall != null && a.ActiveCall.HoldRequested);
                    return Execute(held ? "resume" : "hold");
                case "transfer":
                case "xfer":
                    if (arg == null) return Refused("transfer needs a number");
                    return Result("transfer to " + arg, Ask((a, now) => a.Transfer(arg, now)), "no call to transfer");
                case "dtmf":
                    if (arg == null) return Refused("dtmf needs digits");
                    bool all = true;
                    foreach (char c in arg)
                    {
                        char d = c;
                        all &= Ask((a, now) => a.SendDtmf(d, now));
                    }
                    return Result("dtmf " + arg, all, "no call with telephone-event, or not DTMF digits");
                case "flash":
                    _phone.Do((a, now) => a.Flash(now));
                    return Done("flash");
                case "status":
                    _view.Event(Snapshot().ToLine());
                    return true;
                case "help":
                case "?":
                    foreach (string h in KeypadHelp.Commands.Split('\n', StringSplitOptions.RemoveEmptyEntries)) _view.Event(h.Trim());
                    return true;
                case "wait":
                    return Wait(parts);
                case "quit":
                case "q":
                case "exit":
                    Leave();
                    return true;
                default:
                    return Refused("unknown command '" + verb + "' (help lists them)");
            }
        }

        /// <summary>Reports changes of the line, the call, the registration, and received DTMF since the last call.</summary>
        public void Watch() => Watch(null);

        /// <summary>
        /// Reports changes as <see cref="Watch()"/> does and evaluates <paramref name="condition"/> on the same look at
        /// the agent, so a wait that succeeds has always reported the state it waited for (the agent runs on its own
        /// thread and could otherwise move on between the report and the check).
        /// </summary>
        private bool Watch(Func<PhoneAgent, bool> condition)
        {
            DeviceStatus status = null;
            bool met = false;
            _phone.Do((a, now) =>
            {
                if (a.State != _lastLine)
                {
                    string detail = a.State == PhoneState.Ringing && a.ActiveCall != null ? " — incoming call from " + a.ActiveCall.RemoteUri
                        : a.State == PhoneState.Finished ? " (call ended " + LastEndCode(a) + ")" : "";
                    Say("line: " + PhoneStateNames.Name(_lastLine) + " -> " + PhoneStateNames.Name(a.State) + detail);
                    _lastLine = a.State;
                }
                if (a.RegistrationState != _lastRegistration)
                {
                    Say("registration: " + RegistrationStateNames.Name(a.RegistrationState)
                        + (a.Registration != null && a.Registration.StateReason != null ? " (" + a.Registration.StateReason + ")" : ""));
                    _lastRegistration = a.RegistrationState;
                }
                bool remoteHold = a.ActiveCall != null && a.ActiveCall.Media != null && a.ActiveCall.Media.RemoteHold;
                if (remoteHold != _lastRemoteHold)
                {
                    Say(remoteHold ? "call: held by the far end" : "call: resumed by the far end");
                    _lastRemoteHold = remoteHold;
                }
                while (a.TryReadDtmf(out char d))
                {
                    DigitsReceived += d;
                    Say("DTMF received: " + d);
                }
                status = DeviceStatus.From(_name, a);
                met = condition != null && condition(a);
            });
            _view.Update(new[] { status });
            return met;
        }

        /// <summary>The device's status now.</summary>
        public DeviceStatus Snapshot() => _phone.Get(a => DeviceStatus.From(_name, a));

        private bool Wait(string[] parts)
        {
            if (parts.Length < 2) return Refused("wait needs MS or a state");
            if (int.TryParse(parts[1], out int ms))
            {
                var sw = Stopwatch.StartNew();
                while (sw.ElapsedMilliseconds < ms && !_quitRequested)
                {
                    Thread.Sleep((int)Math.Min(20, Math.Max(1, ms - sw.ElapsedMilliseconds)));
                    Watch();
                }
                return true;
            }
            string what = parts[1].ToLowerInvariant();
            int timeout = parts.Length > 2 && int.TryParse(parts[2], out int t) ? t : DefaultWaitMs;
            Func<PhoneAgent, bool> condition;
            if (what.StartsWith("dtmf:"))
            {
                string digits = what.Substring(5).ToUpperInvariant();
                return WaitFor("dtmf " + digits, a => DigitsReceived.EndsWith(digits, StringComparison.Ordinal), timeout);
            }
            switch (what)
            {
                case "registered": condition = a => a.IsRegistered; break;
                case "held": condition = a => a.ActiveCall != null && a.ActiveCall.Media != null && (a.ActiveCall.Media.RemoteHold || a.ActiveCall.LocalHold); break;
                case "resumed": condition = a => a.ActiveCall != null && a.ActiveCall.Media != null && a.ActiveCall.Media.LocalDirection == SdpDirection.SendRecv; break;
                default:
                    int state = Array.FindIndex(StateWords, s => s == what);
                    if (state < 0) return Refused("wait: unknown state '" + what + "'");
                    condition = a => (int)a.State == state;
                    break;
            }
            return WaitFor(what, condition, timeout);
        }

        private static readonly string[] StateWords = { "onhook", "dialtone", "dialing", "calling", "ringing", "talking", "finished", "transferring" };

        private bool WaitFor(string what, Func<PhoneAgent, bool> condition, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (true)
            {
                if (Watch(condition)) return Done("wait " + what + ": after " + sw.ElapsedMilliseconds + " ms");
                if (_quitRequested) return Refused("wait " + what + ": interrupted");
                if (sw.ElapsedMilliseconds >= timeoutMs)
                {
                    return Refused("wait " + what + ": timed out after " + timeoutMs + " ms (line " + PhoneStateNames.Name(_phone.Get(a => a.State)) + ")");
                }
                Thread.Sleep(20);
            }
        }

        private void Leave()
        {
            if (Quit) return;
            _phone.Do((a, now) =>
            {
                if (a.State != PhoneState.OnHook) a.OnHook(now);
            });
            // Let the BYE go out and the line settle before unregistering.
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < 2000 && _phone.Get(a => a.Calls.ActiveCalls > 0)) Thread.Sleep(20);
            if (_phone.Config.UsesRegistrar && _phone.Get(a => a.IsRegistered))
            {
                _phone.Do((a, now) => a.Unregister(now));
                sw.Restart();
                while (sw.ElapsedMilliseconds < 3000 && _phone.Get(a => a.RegistrationState != RegistrationState.Unregistered)) Thread.Sleep(20);
            }
            Watch();
            Say("quit");
            Quit = true;
        }

        private bool Ask(Func<PhoneAgent, long, bool> action)
        {
            bool ok = false;
            _phone.Do((a, now) => ok = action(a, now));
            return ok;
        }

        private static int LastEndCode(PhoneAgent a)
        {
            int code = 0;
            for (int i = 0; i < a.Config.MaxCalls; i++)
            {
                Call call = a.Calls.GetCall(i);
                int c = call == null ? 0 : call.EndCode;
                if (c != 0) code = c;
            }
            return code;
        }

        private static bool IsKeys(string line)
        {
            foreach (char c in line)
            {
                if (!KeypadMap.IsKeypad(c) && c != ' ') return false;
            }
            return true;
        }

        private bool Result(string what, bool ok, string whyNot) => ok ? Done(what) : Refused(what + ": refused (" + whyNot + ")");

        private bool Done(string what)
        {
            Say("> " + what);
            return true;
        }

        private bool Refused(string what)
        {
            Failures++;
            Say("> " + what + " FAILED");
            return false;
        }

        private void Say(string text) => _view.Event(_name + " " + text);
    }
}
