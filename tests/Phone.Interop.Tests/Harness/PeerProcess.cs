// A peer program (Kamailio, baresip, SIPp) run as a child in its own process group, output kept, group killed on Dispose.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Diagnostics;
    using System.IO;
    using System.Runtime.InteropServices;
    using System.Text;
    using System.Threading;

    /// <summary>
    /// Starts <c>setsid program args</c> (the child is not a group leader, so setsid execs in place and the pid is the
    /// process group id); <see cref="Dispose"/> sends SIGTERM to the whole group, waits, then SIGKILL, so forked
    /// workers (Kamailio's children) never outlive a test even when it fails.
    /// </summary>
    public class PeerProcess : IDisposable
    {
        private const int SigTerm = 15;
        private const int SigKill = 9;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly Process _process;
        private bool _disposed;

        /// <summary>Starts the program in <paramref name="workDir"/>.</summary>
        public PeerProcess(string program, string arguments, string workDir, int gracefulStopMs)
        {
            GracefulStopMs = gracefulStopMs;
            var psi = new ProcessStartInfo("setsid", program + " " + arguments)
            {
                WorkingDirectory = workDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            Name = Path.GetFileName(program);
        }

        /// <summary>Program name, for messages.</summary>
        public string Name { get; }

        /// <summary>How long Dispose waits after SIGTERM before SIGKILL.</summary>
        public int GracefulStopMs { get; set; }

        /// <summary>Process id (= process group id).</summary>
        public int Pid => _process.Id;

        /// <summary>True once the process exited.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>Exit code (valid after exit).</summary>
        public int ExitCode => _process.ExitCode;

        /// <summary>Everything written to stdout and stderr so far.</summary>
        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>Waits until the output contains <paramref name="text"/> or the process exits; true when found.</summary>
        public bool WaitForOutput(string text, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                if (Output.Contains(text, StringComparison.Ordinal)) return true;
                if (_process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
                Thread.Sleep(20);
            }
            return false;
        }

        /// <summary>Waits for exit; true if it exited in time.</summary>
        public bool WaitForExit(int timeoutMs)
        {
            if (!_process.WaitForExit(timeoutMs)) return false;
            _process.WaitForExit(); // drains the asynchronous output readers
            return true;
        }

        /// <summary>SIGKILL to the whole group now (a crash, not a shutdown) and wait for the leader; Dispose still cleans up.</summary>
        public void Kill()
        {
            if (_disposed) return;
            kill(-_process.Id, SigKill);
            _process.WaitForExit(5000);
        }

        /// <summary>SIGTERM to the group, wait, SIGKILL to the group; idempotent.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                int group = _process.Id;
                if (!_process.HasExited)
                {
                    kill(-group, SigTerm);
                    if (!_process.WaitForExit(GracefulStopMs)) kill(-group, SigKill);
                }
                // Workers of the group may linger after the leader exited: kill whatever is left.
                kill(-group, SigKill);
                _process.WaitForExit(5000);
            }
            finally
            {
                _process.Dispose();
            }
        }

        private void Append(string line)
        {
            if (line == null) return;
            lock (_output) _output.Append(line).Append('\n');
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }
}
