// Local survivability: when no registrar answers, desks call each other directly over the LAN from the last-known-good
// directory, emergency numbers go to a configured route, local calls are logged; normal mode returns by itself.
namespace Phone.Core.Resilience
{
    using Phone.Core.Dsp;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sip.Registration;

    /// <summary>
    /// Enters <see cref="SurvivabilityState.Local"/> on <see cref="RegistrarMonitor.AllDown"/> and leaves it on
    /// <see cref="RegistrarMonitor.Recovered"/> or any 2xx to REGISTER (see <see cref="Attach"/>). While local:
    /// <see cref="DialTone"/> is the country profile's survivability dial tone and <see cref="Indicator"/> the
    /// local-mode LED pattern, so the user hears and sees that the PBX is gone; <see cref="Route"/> turns a dialled
    /// extension into a direct SIP URI at the desk's LAN address and an emergency number into a URI at the emergency
    /// route; <see cref="RecordCall"/> fills the bounded <see cref="LocalCallLog"/>, reported by
    /// <see cref="LocalCallReporter"/> once registered again. Strings are built only when a call is dialled.
    /// </summary>
    public sealed class SurvivabilityController
    {
        private readonly OfficeDirectory _directory;
        private readonly string[] _emergencyNumbers;
        private readonly NetEndPoint _emergencyRoute;

        /// <summary>
        /// Creates the controller. <paramref name="emergencyNumbers"/> ("112", "911" …) are sent in local mode to
        /// <paramref name="emergencyRoute"/> (a gateway on the LAN; empty when there is none: the call is refused
        /// with reorder rather than silently lost).
        /// </summary>
        public SurvivabilityController(OfficeDirectory directory, string[] emergencyNumbers, NetEndPoint emergencyRoute, LocalCallLog log)
        {
            _directory = directory;
            _emergencyNumbers = emergencyNumbers ?? new string[0];
            _emergencyRoute = emergencyRoute;
            Log = log;
        }

        /// <summary>Normal or local.</summary>
        public SurvivabilityState State { get; private set; }

        /// <summary>Why the state last changed.</summary>
        public string StateReason { get; private set; }

        /// <summary>When local mode was last entered (ms, caller's clock); -1 before.</summary>
        public long EnteredAtMs { get; private set; } = -1;

        /// <summary>When local mode was last left (ms); -1 before.</summary>
        public long LeftAtMs { get; private set; } = -1;

        /// <summary>Times local mode was entered.</summary>
        public int Entries { get; private set; }

        /// <summary>Calls made, received and missed while local.</summary>
        public LocalCallLog Log { get; }

        /// <summary>LED pattern shown while local (steady on: distinct from message waiting and ringing).</summary>
        public IndicatorPattern LocalIndicator = IndicatorPattern.On;

        /// <summary>Raised on entering local mode.</summary>
        public event SurvivabilityHandler Entered;

        /// <summary>Raised on leaving local mode.</summary>
        public event SurvivabilityHandler Left;

        /// <summary>Dial tone to play when the handset goes off hook: the survivability tone of the country profile while local.</summary>
        public CallProgressTone DialTone => State == SurvivabilityState.Local ? CallProgressTone.SurvivabilityDial : CallProgressTone.Dial;

        /// <summary>Indicator pattern for the mode (<see cref="IndicatorPattern.Off"/> in normal mode).</summary>
        public IndicatorPattern Indicator => State == SurvivabilityState.Local ? LocalIndicator : IndicatorPattern.Off;

        /// <summary>Follows the monitor (all down → local, recovered → normal) and the registration (2xx → normal).</summary>
        public void Attach(RegistrarMonitor monitor, RegistrationClient registration)
        {
            if (monitor != null)
            {
                monitor.AllDown += (m, index, now) => Enter("no registrar answers", now);
                monitor.Recovered += (m, index, now) => Leave("registrar " + index.ToString() + " answers", now);
            }
            if (registration != null) registration.Registered += (r, code, now) => Leave("registered", now);
        }

        /// <summary>Enters local mode (idempotent).</summary>
        public void Enter(string reason, long nowMs)
        {
            if (State == SurvivabilityState.Local) return;
            State = SurvivabilityState.Local;
            StateReason = reason;
            EnteredAtMs = nowMs;
            Entries++;
            if (Entered != null) Entered(this, nowMs);
        }

        /// <summary>Leaves local mode (idempotent).</summary>
        public void Leave(string reason, long nowMs)
        {
            if (State != SurvivabilityState.Local) return;
            State = SurvivabilityState.Normal;
            StateReason = reason;
            LeftAtMs = nowMs;
            if (Left != null) Left(this, nowMs);
        }

        /// <summary>True when <paramref name="dialled"/> is one of the configured emergency numbers.</summary>
        public bool IsEmergency(string dialled)
        {
            for (int i = 0; i < _emergencyNumbers.Length; i++)
            {
                if (_emergencyNumbers[i] == dialled) return true;
            }
            return false;
        }

        /// <summary>
        /// Where to send a call to <paramref name="dialled"/>. In normal mode <see cref="LocalRoute.ViaPbx"/> (uri null:
        /// dial as usual). In local mode an emergency number goes to the emergency route
        /// ("sip:112@gateway:port"), an office extension straight to its desk ("sip:202@192.168.1.22:5060"), anything
        /// else is <see cref="LocalRoute.Unreachable"/>.
        /// </summary>
        public LocalRoute Route(string dialled, out string uri)
        {
            uri = null;
            if (State != SurvivabilityState.Local) return LocalRoute.ViaPbx;
            if (IsEmergency(dialled))
            {
                if (_emergencyRoute.IsEmpty) return LocalRoute.Unreachable;
                uri = "sip:" + dialled + "@" + _emergencyRoute.ToString();
                return LocalRoute.Emergency;
            }
            int i = _directory.Find(dialled);
            if (i < 0) return LocalRoute.Unreachable;
            uri = "sip:" + dialled + "@" + _directory.EndPoint(i).ToString();
            return LocalRoute.Direct;
        }

        /// <summary>
        /// Logs a finished call while local (ignored in normal mode: the PBX keeps its own records then). A missed call
        /// is an incoming one that was not answered.
        /// </summary>
        public void RecordCall(long startedAtMs, string peer, bool incoming, bool answered, long durationMs)
        {
            if (State != SurvivabilityState.Local) return;
            Log.Add(startedAtMs, peer, incoming, answered, !incoming && IsEmergency(peer), durationMs);
        }

        /// <summary>The extension calling from <paramref name="address"/> according to the directory, or null.</summary>
        public string ExtensionAt(uint address)
        {
            int i = _directory.FindByAddress(address);
            return i < 0 ? null : _directory.Extension(i);
        }
    }
}
