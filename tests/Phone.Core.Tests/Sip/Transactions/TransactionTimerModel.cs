// Reference model of the RFC 3261 §17 transaction timers (A–K, Table 4) with RFC 6026 Timers L and M, for property tests.
namespace Phone.Core.Tests.Sip.Transactions
{
    using System;
    using System.Collections.Generic;

    /// <summary>Which of the four machines of RFC 3261 §17 a scenario exercises.</summary>
    public enum ModelMachine { InviteClient, NonInviteClient, InviteServer, NonInviteServer }

    /// <summary>What happens from outside at one instant.</summary>
    public enum ModelInput
    {
        /// <summary>Client: a response with <see cref="ModelStep.Code"/> arrives.</summary>
        Response,
        /// <summary>Server: the TU answers with <see cref="ModelStep.Code"/>.</summary>
        TuResponds,
        /// <summary>Server: the request arrives again (a retransmission, or a new request once the old one is gone).</summary>
        RequestAgain,
        /// <summary>INVITE server: an ACK arrives.</summary>
        Ack,
    }

    /// <summary>One outside event at an absolute time (ms).</summary>
    public sealed record ModelStep(long At, ModelInput Input, int Code);

    /// <summary>
    /// One scenario: a single transaction started at time 0 (client: the request is sent; server: it arrives), then
    /// <see cref="Steps"/> in time order, observed until <see cref="End"/>. Sends in [FailFrom, FailUntil) are refused
    /// by the transport.
    /// </summary>
    public sealed record ModelScenario(ModelMachine Machine, bool Reliable, int T1, int T2, int T4,
        long FailFrom, long FailUntil, ModelStep[] Steps, long End)
    {
        /// <summary>Method of the request the scenario is about.</summary>
        public string Method => Machine == ModelMachine.InviteClient || Machine == ModelMachine.InviteServer ? "INVITE" : "OPTIONS";

        /// <summary>True for the client machines.</summary>
        public bool IsClient => Machine == ModelMachine.InviteClient || Machine == ModelMachine.NonInviteClient;

        /// <inheritdoc/>
        public override string ToString()
            => Machine + (Reliable ? " reliable" : " UDP") + " T1=" + T1 + " T2=" + T2 + " T4=" + T4
               + " fail=[" + FailFrom + "," + FailUntil + ") end=" + End + " steps: "
               + string.Join(", ", Array.ConvertAll(Steps, s => s.At + " " + s.Input + " " + s.Code));
    }

    /// <summary>
    /// Written from the RFC text, not from the implementation: the machine is a state name plus a set of named
    /// running timers, each with the rule the RFC gives for it. The output is the observable trace: datagrams sent
    /// (with the time), TU callbacks (with the time), the answer to each TU response, the final state and counters.
    /// Conventions the RFC leaves open, fixed here and in the driver alike:
    /// - timers due at or before an outside event's time fire before it; a zero-length timer started by an event
    ///   fires right after that event, at the same time;
    /// - when several timers are due at once, the one that ends the transaction wins (D/I/J/K/L/M, then B/F/H),
    ///   and a retransmission timer due at the same instant does not fire;
    /// - Timer D over UDP is max(32 s, 64·T1) (Table 4 says "&gt; 32 s");
    /// - a transport error on the first send or a retransmission of a client request is reported to the TU and ends
    ///   the transaction (RFC 3261 §17.1.4); one on an ACK or on a server's response is counted and the timers go on
    ///   (the TU already has the final response, or answers on its own).
    /// </summary>
    public sealed class TransactionTimerModel
    {
        private const int TryingDelay = 200;   // §17.2.1: 100 Trying unless the TU answers within 200 ms

        private static readonly string[] EndTimers = { "D", "I", "J", "K", "L", "M" };
        private static readonly string[] GiveUpTimers = { "B", "F", "H" };
        private static readonly string[] SendTimers = { "Trying", "A", "E", "G" };

        private readonly ModelScenario _s;
        private readonly List<(long At, string What)> _trace = new();
        private readonly Dictionary<string, long> _timers = new();
        private readonly Dictionary<string, int> _interval = new();
        private string _state = "gone";
        private int _lastResponse;   // server: last response sent (0: none)
        private long _now;
        private bool _reachedConfirmed;

        /// <summary>Counters the layer also keeps.</summary>
        public int Retransmissions, Timeouts, TransportErrors, Stray;

        private TransactionTimerModel(ModelScenario s) => _s = s;

        /// <summary>Runs the scenario; returns the canonical trace (see <see cref="Canonical"/>).</summary>
        public static List<string> Run(ModelScenario s) => Run(s, out bool _);

        /// <summary>Runs the scenario; also tells whether an INVITE server transaction reached Confirmed on the way.</summary>
        public static List<string> Run(ModelScenario s, out bool reachedConfirmed)
        {
            var m = new TransactionTimerModel(s);
            m.Start();
            foreach (ModelStep step in s.Steps)
            {
                m.RunTimersUntil(step.At);
                m._now = step.At;
                m.Apply(step);
                m.RunTimersUntil(step.At);
            }
            m.RunTimersUntil(s.End);
            reachedConfirmed = m._reachedConfirmed;
            var lines = Canonical(m._trace);
            lines.Add("final " + m._state);
            lines.Add("stats retransmissions=" + m.Retransmissions + " timeouts=" + m.Timeouts
                + " transport-errors=" + m.TransportErrors + " stray=" + m.Stray);
            return lines;
        }

        /// <summary>Sorts entries of one instant (the RFCs do not order a send and a TU callback made at once).</summary>
        public static List<string> Canonical(List<(long At, string What)> trace)
        {
            var copy = new List<(long At, string What)>(trace);
            copy.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.What, b.What));
            return copy.ConvertAll(e => e.At + " " + e.What);
        }

        private int T1 => _s.T1;
        private int TimeoutTimer => 64 * _s.T1;   // B, F, H, J (UDP), L, M

        private void Start()
        {
            _now = 0;
            if (_s.IsClient)
            {
                // §17.1.1.2 / §17.1.2.2: send; over UDP Timer A/E = T1; Timer B/F = 64·T1 in any case.
                _state = _s.Machine == ModelMachine.InviteClient ? "Calling" : "Trying";
                if (!Send(_s.Method))
                {
                    _trace.Add((_now, "tu transport-error"));
                    _state = "gone";
                    return;
                }
                string retransmit = _s.Machine == ModelMachine.InviteClient ? "A" : "E";
                if (!_s.Reliable) StartTimer(retransmit, T1);
                StartTimer(_s.Machine == ModelMachine.InviteClient ? "B" : "F", TimeoutTimer);
            }
            else
            {
                NewServerTransaction();
            }
        }

        private void NewServerTransaction()
        {
            _timers.Clear();
            _lastResponse = 0;
            _trace.Add((_now, "tu request"));
            if (_s.Machine == ModelMachine.InviteServer)
            {
                _state = "Proceeding";   // §17.2.1: an INVITE server transaction starts in Proceeding
                StartTimer("Trying", TryingDelay);
            }
            else
            {
                _state = "Trying";       // §17.2.2
            }
        }

        private void StartTimer(string name, int duration)
        {
            _timers[name] = _now + duration;
            _interval[name] = duration;
        }

        private void StopAllTimers() => _timers.Clear();

        private bool Send(string what)
        {
            if (_now >= _s.FailFrom && _now < _s.FailUntil)
            {
                TransportErrors++;
                _trace.Add((_now, "send! " + what));
                return false;
            }
            _trace.Add((_now, "send " + what));
            return true;
        }

        private void RunTimersUntil(long t)
        {
            while (true)
            {
                string due = null;
                long at = long.MaxValue;
                foreach (string[] group in new[] { EndTimers, GiveUpTimers, SendTimers })
                {
                    foreach (string name in group)
                    {
                        if (_timers.TryGetValue(name, out long d) && d < at) { at = d; due = name; }
                    }
                }
                if (due == null || at > t) return;
                // Earliest first; among timers due at the same instant the group order above decides.
                _now = at;
                _timers.Remove(due);
                Fire(due);
            }
        }

        private void Fire(string timer)
        {
            switch (timer)
            {
                case "A":
                    // §17.1.1.2: retransmit, reset Timer A with twice its value; §17.1.4: a refused send ends it.
                    Retransmissions++;
                    if (!Send("INVITE"))
                    {
                        TransportFailure();
                        break;
                    }
                    StartTimer("A", 2 * _interval["A"]);
                    break;
                case "E":
                    // §17.1.2.2: Trying: 2·E capped at T2; Proceeding: T2; §17.1.4: a refused send ends it.
                    Retransmissions++;
                    if (!Send(_s.Method))
                    {
                        TransportFailure();
                        break;
                    }
                    StartTimer("E", _state == "Proceeding" ? _s.T2 : Math.Min(2 * _interval["E"], _s.T2));
                    break;
                case "B":
                case "F":
                    Timeouts++;
                    _trace.Add((_now, "tu timeout"));
                    Gone();
                    break;
                case "Trying":
                    _lastResponse = 100;
                    Send("100");
                    break;
                case "G":
                    // §17.2.1: retransmit the final response, G = min(2·G, T2).
                    Retransmissions++;
                    Send(_lastResponse.ToString());
                    StartTimer("G", Math.Min(2 * _interval["G"], _s.T2));
                    break;
                case "H":
                    _trace.Add((_now, "tu no-ack"));
                    Gone();
                    break;
                default:   // D, I, J, K, L, M: stop absorbing retransmissions
                    Gone();
                    break;
            }
        }

        private void TransportFailure()
        {
            _trace.Add((_now, "tu transport-error"));
            Gone();
        }

        private void Gone()
        {
            _state = "gone";
            StopAllTimers();
        }

        private void Apply(ModelStep step)
        {
            switch (step.Input)
            {
                case ModelInput.Response:
                    if (_s.Machine == ModelMachine.InviteClient) InviteClientResponse(step.Code);
                    else NonInviteClientResponse(step.Code);
                    break;
                case ModelInput.TuResponds:
                    TuResponds(step.Code);
                    break;
                case ModelInput.RequestAgain:
                    RequestAgain();
                    break;
                case ModelInput.Ack:
                    AckArrives();
                    break;
            }
        }

        private void InviteClientResponse(int code)
        {
            switch (_state)
            {
                case "Calling":
                case "Proceeding":
                    // §17.1.1.2: any response stops Timers A and B.
                    _timers.Remove("A");
                    _timers.Remove("B");
                    if (code < 200)
                    {
                        _state = "Proceeding";
                    }
                    else if (code < 300)
                    {
                        _state = "Accepted";                       // RFC 6026 §7.2
                        StartTimer("M", TimeoutTimer);
                    }
                    else
                    {
                        _state = "Completed";                      // §17.1.1.2: ACK it ourselves, Timer D
                        StartTimer("D", _s.Reliable ? 0 : Math.Max(32000, TimeoutTimer));
                        Send("ACK");
                    }
                    _trace.Add((_now, "tu response " + code));
                    break;
                case "Completed":
                    if (code >= 300) Send("ACK");                  // retransmitted final: ACK again, TU not told
                    break;
                case "Accepted":
                    if (code >= 200 && code < 300) _trace.Add((_now, "tu response " + code));   // RFC 6026 §7.2
                    break;
                default:
                    Stray++;                                       // §17.1.3: matches no transaction
                    break;
            }
        }

        private void NonInviteClientResponse(int code)
        {
            switch (_state)
            {
                case "Trying":
                case "Proceeding":
                    if (code < 200)
                    {
                        _state = "Proceeding";
                    }
                    else
                    {
                        _state = "Completed";                      // §17.1.2.2: Timer K = T4 (0 reliable)
                        _timers.Remove("E");
                        _timers.Remove("F");
                        StartTimer("K", _s.Reliable ? 0 : _s.T4);
                    }
                    _trace.Add((_now, "tu response " + code));
                    break;
                case "Completed":
                    break;                                         // absorbed
                default:
                    Stray++;
                    break;
            }
        }

        private void TuResponds(int code)
        {
            if (_state != "Trying" && _state != "Proceeding")
            {
                _trace.Add((_now, "respond " + code + " refused"));
                return;
            }
            _trace.Add((_now, "respond " + code + " ok"));
            _timers.Remove("Trying");
            _lastResponse = code;
            bool invite = _s.Machine == ModelMachine.InviteServer;
            if (code < 200)
            {
                _state = "Proceeding";
            }
            else if (invite && code < 300)
            {
                _state = "Accepted";                               // RFC 6026 §7.1: Timer L
                StartTimer("L", TimeoutTimer);
            }
            else if (invite)
            {
                _state = "Completed";                              // §17.2.1: G over UDP, H always
                if (!_s.Reliable) StartTimer("G", T1);
                StartTimer("H", TimeoutTimer);
            }
            else
            {
                _state = "Completed";                              // §17.2.2: Timer J
                StartTimer("J", _s.Reliable ? 0 : TimeoutTimer);
            }
            Send(code.ToString());
        }

        private void RequestAgain()
        {
            switch (_state)
            {
                case "gone":
                    NewServerTransaction();                        // no transaction matches: it is a new request
                    break;
                case "Proceeding":
                case "Completed":
                    if (_lastResponse != 0) Send(_lastResponse.ToString());   // §17.2.1 / §17.2.2
                    break;
                default:
                    break;                                         // Trying, Confirmed, Accepted: absorbed
            }
        }

        private void AckArrives()
        {
            switch (_state)
            {
                case "Completed":
                    _state = "Confirmed";                          // §17.2.1: stop G and H, Timer I
                    _reachedConfirmed = true;
                    _timers.Remove("G");
                    _timers.Remove("H");
                    StartTimer("I", _s.Reliable ? 0 : _s.T4);
                    break;
                case "Accepted":
                case "gone":
                    _trace.Add((_now, "tu ack"));                  // the ACK for a 2xx is the TU's (RFC 6026 §7.1)
                    break;
                default:
                    break;                                         // Proceeding, Confirmed: absorbed
            }
        }
    }
}
