// Kamailio 5.6 as the registrar/proxy peer: config from peers/kamailio.cfg with a free port and per-run passwords.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.IO;

    /// <summary>
    /// Writes a Kamailio config (static users alice/bob/carol, MD5 digest via pv_auth_check, in-memory location,
    /// record-route), starts <c>kamailio -DD -E -f cfg</c> and waits until it answers OPTIONS with 200.
    /// </summary>
    public sealed class KamailioProcess : IDisposable
    {
        private readonly PeerProcess _process;
        private readonly string _dir;

        /// <summary>Starts Kamailio; throws with its output when it does not answer OPTIONS within 10 s.</summary>
        public KamailioProcess()
            : this(0, "kamailio.cfg")
        {
        }

        /// <summary>
        /// Starts Kamailio on <paramref name="port"/> (0: a free one; a fixed one restarts a registrar where the phones
        /// expect it) with the config template <paramref name="configName"/> under peers/.
        /// </summary>
        public KamailioProcess(int port, string configName)
        {
            Port = port != 0 ? port : FreePorts.Get();
            _dir = Peers.ScratchDir("kamailio");
            string cfg = File.ReadAllText(Peers.File(configName))
                .Replace("@PORT@", Port.ToString())
                .Replace("@PW_ALICE@", AlicePassword)
                .Replace("@PW_BOB@", BobPassword)
                .Replace("@PW_CAROL@", CarolPassword);
            ConfigPath = Path.Combine(_dir, "kamailio.cfg");
            File.WriteAllText(ConfigPath, cfg);
            // Kamailio exits on SIGTERM only after its children: ~2 s, hence one instance per test class.
            _process = new PeerProcess("kamailio", "-DD -E -f " + ConfigPath, _dir, 3000);
            ReadyStatus = SipProbe.Options(Port, 10000);
            if (ReadyStatus != 200)
            {
                string output = _process.Output;
                Dispose();
                throw new InvalidOperationException("Kamailio did not answer OPTIONS (status " + ReadyStatus + "):\n" + output);
            }
        }

        /// <summary>alice's digest password.</summary>
        public const string AlicePassword = "alice-secret-1";

        /// <summary>bob's digest password.</summary>
        public const string BobPassword = "bob-secret-2";

        /// <summary>carol's digest password.</summary>
        public const string CarolPassword = "carol-secret-3";

        /// <summary>Digest realm the proxy challenges with.</summary>
        public const string Realm = "interop.test";

        /// <summary>UDP port on 127.0.0.1.</summary>
        public int Port { get; }

        /// <summary>Status of the OPTIONS readiness probe (200).</summary>
        public int ReadyStatus { get; }

        /// <summary>The config file written for this run.</summary>
        public string ConfigPath { get; }

        /// <summary>The process (for its log).</summary>
        public PeerProcess Process => _process;

        /// <summary>SIGKILL to Kamailio's whole process group at once: a registrar that dies without a word.</summary>
        public void Kill() => _process.Kill();

        /// <summary>Stops Kamailio and its workers and removes the scratch directory.</summary>
        public void Dispose()
        {
            _process.Dispose();
            Peers.RemoveDir(_dir);
        }
    }
}
