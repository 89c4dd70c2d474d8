// Fleet mode: N PhoneAgents in one process register at a registrar at once; reports the time until all are registered.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.IO;
    using System.Linq;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Sip.Registration;
    using Phone.Host.Agent;

    internal sealed class FleetRun
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly FleetOptions _o;
        private readonly TextWriter _out;
        private readonly IStatusView _view;

        public FleetRun(FleetOptions options, TextWriter output, IStatusView view = null)
        {
            _o = options;
            _out = output;
            _view = view;
        }

        /// <summary>Time from the first start to the last registration, ms; -1 when not all registered.</summary>
        public long AllRegisteredMs { get; private set; } = -1;

        public int Run()
        {
            var clock = Stopwatch.StartNew();
            var random = new Random(_o.Seed);
            int n = _o.Devices;
            var phones = new HostPhone[n];
            var startAt = new long[n];
            var registeredAt = new long[n];
            try
            {
                for (int i = 0; i < n; i++)
                {
                    var cfg = new AgentConfig
                    {
                        User = (_o.FirstUser + i).ToString(),
                        Password = _o.Password,
                        Domain = _o.Domain,
                        Registrar = _o.RegistrarEndPoint,
                        LocalAddress = Loopback,
                        SipPort = _o.SipPortBase == 0 ? 0 : _o.SipPortBase + i,
                        RtpPortBase = 0,
                        MaxCalls = 1,
                        Expires = _o.Expires,
                        UserAgent = "Phone/0.1 fleet " + Mac(i),
                    };
                    phones[i] = new HostPhone(cfg, new SilentAudioPort(), null, _o.Seed * 7919 + i + 1, clock);
                    startAt[i] = random.Next(_o.SpreadMs + 1);
                    registeredAt[i] = -1;
                }
            }
            catch (HostPhoneException e)
            {
                foreach (HostPhone p in phones) p?.Dispose();
                Console.Error.WriteLine("Phone.Emulator fleet: " + e.Message + ". Choose other ports with --sip-port-base, or 0 for free ports.");
                return 2;
            }
            try
            {
                Say("fleet: " + n + " devices (users " + _o.FirstUser + ".." + (_o.FirstUser + n - 1) + ", MACs " + Mac(0) + "..) start within "
                    + _o.SpreadMs + " ms and register at " + _o.Registrar + " (domain " + _o.Domain + ")");
                long t0 = clock.ElapsedMilliseconds;
                long deadline = t0 + _o.TimeoutSeconds * 1000L;
                // On a terminal a progress bar counts the registered devices; otherwise a plain line every second.
                int done = _view != null && _view.IsLive
                    ? _view.Progress("fleet: registering at " + _o.Registrar, report => RegisterAll(phones, startAt, registeredAt, clock, t0, deadline, report))
                    : RegisterAll(phones, startAt, registeredAt, clock, t0, deadline, null);

                var times = new List<long>();
                for (int i = 0; i < n; i++) if (registeredAt[i] >= 0) times.Add(registeredAt[i] - startAt[i]);
                times.Sort();
                if (done == n)
                {
                    AllRegisteredMs = registeredAt.Max();
                    _out.WriteLine("fleet: all " + n + " devices registered " + AllRegisteredMs + " ms after the first start; per device from its own start: first "
                        + times[0] + " ms, median " + times[times.Count / 2] + " ms, last " + times[times.Count - 1] + " ms");
                }
                else
                {
                    _out.WriteLine("fleet: only " + done + " of " + n + " devices registered within " + _o.TimeoutSeconds + " s");
                    for (int i = 0, shown = 0; i < n && shown < 10; i++)
                    {
                        if (registeredAt[i] >= 0) continue;
                        shown++;
                        RegistrationState state = phones[i].Agent != null ? phones[i].Agent.RegistrationState : RegistrationState.Unregistered;
                        string reason = phones[i].Agent != null ? phones[i].Agent.Registration.StateReason : "not started";
                        _out.WriteLine("  user " + phones[i].Config.User + " (" + Mac(i) + "): " + RegistrationStateNames.Name(state) + ", " + reason);
                    }
                }

                if (!_o.KeepRegistered) Unregister(phones, clock);
                return done == n ? 0 : 1;
            }
            finally
            {
                foreach (HostPhone p in phones) p.Dispose();
            }
        }

        private int RegisterAll(HostPhone[] phones, long[] startAt, long[] registeredAt, Stopwatch clock, long t0, long deadline, ProgressReport report)
        {
            int n = phones.Length;
            int done = 0;
            long nextProgress = t0 + 1000;
            while (done < n && clock.ElapsedMilliseconds < deadline)
            {
                long now = clock.ElapsedMilliseconds;
                for (int i = 0; i < n; i++)
                {
                    if (phones[i].Agent == null)
                    {
                        if (now - t0 >= startAt[i]) phones[i].CreateAgent();
                        continue;
                    }
                    phones[i].Step();
                    if (registeredAt[i] < 0 && phones[i].Agent.IsRegistered)
                    {
                        registeredAt[i] = clock.ElapsedMilliseconds - t0;
                        done++;
                    }
                }
                report?.Invoke("registered", done, n);
                if (report == null && now >= nextProgress)
                {
                    Say("fleet: " + done + "/" + n + " registered after " + (now - t0) + " ms");
                    nextProgress += 1000;
                }
                Thread.Sleep(2);
            }
            return done;
        }

        private void Unregister(HostPhone[] phones, Stopwatch clock)
        {
            // Stale bindings make a registrar fork calls to dead contacts: remove them (REGISTER Expires: 0).
            foreach (HostPhone p in phones) if (p.Agent != null) p.Do((a, now) => a.Unregister(now));
            long until = clock.ElapsedMilliseconds + 5000;
            int left = phones.Length;
            while (left > 0 && clock.ElapsedMilliseconds < until)
            {
                left = 0;
                foreach (HostPhone p in phones)
                {
                    if (p.Agent == null) continue;
                    p.Step();
                    if (p.Agent.RegistrationState != RegistrationState.Unregistered) left++;
                }
                Thread.Sleep(2);
            }
            Say("fleet: unregistered " + (phones.Length - left) + "/" + phones.Length);
        }

        private static string Mac(int i) => "02:00:5e:10:" + ((i >> 8) & 0xFF).ToString("x2") + ":" + (i & 0xFF).ToString("x2");

        private void Say(string text)
        {
            if (!_o.Quiet) _out.WriteLine(text);
        }
    }
}
