// Who fetched what: one line per request in access.log and in memory. Never holds credentials or bodies.
namespace Phone.ProvisioningServer
{
    using System;
    using System.Collections.Generic;
    using System.IO;

    /// <summary>Append-only request log; <see cref="Snapshot"/> serves tests and the admin endpoint.</summary>
    public sealed class AccessLog
    {
        private const int MemoryLines = 2000;
        private readonly object _gate = new object();
        private readonly Queue<string> _recent = new Queue<string>();
        private readonly string _path;
        private readonly TextWriter _echo;

        /// <summary>Logs to <paramref name="path"/> and, if not null, to <paramref name="echo"/>.</summary>
        public AccessLog(string path, TextWriter echo)
        {
            _path = path;
            _echo = echo;
        }

        /// <summary>
        /// Records one request. <paramref name="auth"/> names the scheme used ("digest-SHA-256", "bearer", "none", …),
        /// never a credential.
        /// </summary>
        public void Write(string remote, string method, string path, string mac, string auth, int status, bool etagHit,
            string fault, int bytes)
        {
            string line = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + " " + remote + " " + method + " " + path
                + " mac=" + (mac ?? "-") + " auth=" + auth + " status=" + status + " etag-hit=" + (etagHit ? "yes" : "no")
                + " fault=" + fault + " bytes=" + bytes;
            lock (_gate)
            {
                _recent.Enqueue(line);
                if (_recent.Count > MemoryLines) _recent.Dequeue();
                try
                {
                    File.AppendAllText(_path, line + "\n");
                }
                catch (IOException)
                {
                    // The in-memory log still has it; a full disk must not fail provisioning.
                }

                _echo?.WriteLine(line);
            }
        }

        /// <summary>The most recent lines, oldest first.</summary>
        public string[] Snapshot()
        {
            lock (_gate) return _recent.ToArray();
        }
    }
}
