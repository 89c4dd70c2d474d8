// A snapshot of one emulated device for the live status: registration, line/call state and RTP counters.
namespace Phone.Emulator
{
    using System.Globalization;
    using Phone.Core.Agent;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;

    /// <summary>What the status views show for one device; built from the agent's counters under its lock.</summary>
    internal sealed class DeviceStatus
    {
        public string Name;
        public string Registration;
        public string Line;
        public string Call;        // "" when no call; else the far end and hold state
        public int RtpSent;
        public int RtpReceived;
        public int RtpLost;
        public int JitterMs;
        public int RoundTripMs = -1;

        /// <summary>Lost packets in percent of expected (received + lost); 0 before any packet.</summary>
        public double LossPercent => RtpReceived + RtpLost > 0 ? 100.0 * RtpLost / (RtpReceived + RtpLost) : 0;

        /// <summary>Reads the agent (call with the phone's lock held, e.g. inside HostPhone.Get).</summary>
        public static DeviceStatus From(string name, PhoneAgent agent)
        {
            var s = new DeviceStatus { Name = name };
            s.Registration = agent.Config.UsesRegistrar
                ? RegistrationStateNames.Name(agent.RegistrationState) + " at " + agent.Config.Registrar
                : "direct mode (no registrar)";
            s.Line = PhoneStateNames.Name(agent.State) + (agent.Ringing ? " (ringer on)" : "");
            Call call = agent.ActiveCall;
            if (call != null)
            {
                string hold = call.LocalHold ? ", on hold" : call.Media != null && call.Media.RemoteHold ? ", held by the far end" : "";
                s.Call = CallStateNames.Name(call.State) + (call.IsIncoming ? " from " : " to ") + call.RemoteUri + hold;
            }
            else
            {
                s.Call = "";
            }
            var m = agent.MediaStats;
            if (m != null)
            {
                s.RtpSent = m.PacketsSent;
                s.RtpReceived = m.PacketsReceived;
                s.RtpLost = m.PacketsLost;
                s.JitterMs = m.JitterMs;
                s.RoundTripMs = m.RoundTripMs;
            }
            return s;
        }

        /// <summary>True when a person would see a difference other than the moving RTP counters.</summary>
        public bool StateDiffers(DeviceStatus other) => other == null || other.Registration != Registration || other.Line != Line || other.Call != Call;

        /// <summary>One plain line: <c>201: Registered at … | Talking | Connected to sip:… | RTP tx 250 rx 248 lost 0 (0.0 %) jitter 2 ms</c>.</summary>
        public string ToLine() => string.Format(CultureInfo.InvariantCulture, "{0}: {1} | line {2}{3} | RTP tx {4} rx {5} lost {6} ({7:0.0} %) jitter {8} ms{9}",
            Name, Registration, Line, Call.Length > 0 ? " | " + Call : "", RtpSent, RtpReceived, RtpLost, LossPercent, JitterMs,
            RoundTripMs >= 0 ? " rtt " + RoundTripMs + " ms" : "");
    }
}
