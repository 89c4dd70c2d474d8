// SIPp runs of a scenario under peers/, bounded by -m and -timeout, with the exchanged messages kept (-trace_msg).
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.IO;

    /// <summary>Result of one SIPp run.</summary>
    public sealed class SippResult
    {
        /// <summary>SIPp's exit code: 0 all calls succeeded, 1 some failed, 97/99 timeouts or errors.</summary>
        public int ExitCode;

        /// <summary>SIPp's stdout/stderr (the final statistics screen).</summary>
        public string Output;

        /// <summary>Every message SIPp sent and received, exact bytes.</summary>
        public SippMessageLog Messages;
    }

    /// <summary>Runs SIPp as a client or server against 127.0.0.1.</summary>
    public sealed class SippProcess : IDisposable
    {
        private readonly PeerProcess _process;
        private readonly string _dir;
        private readonly string _log;
        private readonly int _timeoutSeconds;

        /// <summary>
        /// Starts <paramref name="scenario"/> (a file under peers/) towards <paramref name="remotePort"/> (0 for a UAS),
        /// on local SIP port <paramref name="localPort"/> (0 picks a free one); -m and -timeout bound the run, and the
        /// process group is killed on Dispose whatever happens.
        /// </summary>
        public SippProcess(string scenario, int remotePort, string extraArgs, int timeoutSeconds, int localPort = 0, int calls = 1)
        {
            _dir = Peers.ScratchDir("sipp");
            _timeoutSeconds = timeoutSeconds;
            LocalPort = localPort == 0 ? FreePorts.Get() : localPort;
            int mediaPort = FreePorts.Get(alsoNext: true);
            _log = Path.Combine(_dir, "messages.log");
            string args = (remotePort != 0 ? "127.0.0.1:" + remotePort + " " : string.Empty) +
                          "-sf " + Peers.File(scenario) + " -i 127.0.0.1 -p " + LocalPort + " -mp " + mediaPort +
                          " -m " + calls + " -timeout " + timeoutSeconds + "s -timeout_error -nostdin" +
                          " -trace_msg -message_file " + _log + " " + extraArgs;
            _process = new PeerProcess("sipp", args, _dir, 500);
        }

        /// <summary>SIPp's SIP port.</summary>
        public int LocalPort { get; }

        /// <summary>Runs a scenario to its end (see the constructor) and returns the result.</summary>
        public static SippResult Run(string scenario, int remotePort, string extraArgs, int timeoutSeconds, int localPort = 0, int calls = 1)
        {
            using var sipp = new SippProcess(scenario, remotePort, extraArgs, timeoutSeconds, localPort, calls);
            return sipp.Wait();
        }

        /// <summary>Waits for SIPp to finish (its own timeout + 5 s at most) and reads its message log.</summary>
        public SippResult Wait()
        {
            bool exited = _process.WaitForExit((_timeoutSeconds + 5) * 1000);
            return new SippResult
            {
                ExitCode = exited ? _process.ExitCode : -1,
                Output = _process.Output,
                Messages = SippMessageLog.Load(_log),
            };
        }

        /// <summary>Kills SIPp's process group if still running and removes its directory.</summary>
        public void Dispose()
        {
            _process.Dispose();
            Peers.RemoveDir(_dir);
        }
    }
}
