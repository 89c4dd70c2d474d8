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
    public static class SippProcess
    {
        /// <summary>
        /// Runs <paramref name="scenario"/> (a file under peers/) towards <paramref name="remotePort"/> (0 for a UAS),
        /// on local SIP port <paramref name="localPort"/> (0 picks a free one), with extra arguments; killed with its
        /// group after <paramref name="timeoutSeconds"/> + 5 s whatever happens.
        /// </summary>
        public static SippResult Run(string scenario, int remotePort, string extraArgs, int timeoutSeconds, int localPort = 0, int calls = 1)
        {
            string dir = Peers.ScratchDir("sipp");
            try
            {
                if (localPort == 0) localPort = FreePorts.Get();
                int mediaPort = FreePorts.Get(alsoNext: true);
                string log = Path.Combine(dir, "messages.log");
                string args = (remotePort != 0 ? "127.0.0.1:" + remotePort + " " : string.Empty) +
                              "-sf " + Peers.File(scenario) + " -i 127.0.0.1 -p " + localPort + " -mp " + mediaPort +
                              " -m " + calls + " -timeout " + timeoutSeconds + "s -timeout_error -nostdin" +
                              " -trace_msg -message_file " + log + " " + extraArgs;
                using var process = new PeerProcess("sipp", args, dir, 500);
                bool exited = process.WaitForExit((timeoutSeconds + 5) * 1000);
                var result = new SippResult
                {
                    ExitCode = exited ? process.ExitCode : -1,
                    Output = process.Output,
                    Messages = SippMessageLog.Load(log),
                };
                return result;
            }
            finally
            {
                Peers.RemoveDir(dir);
            }
        }
    }
}
