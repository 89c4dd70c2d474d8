// What one phone agent needs to know: account, addresses, media and tone settings, the office directory (RFC 3261 §10, §8.1.2).
namespace Phone.Core.Agent
{
    using Phone.Core.Net;
    using Phone.Core.Provisioning;
    using Phone.Core.Resilience;
    using Phone.Core.Sdp;

    /// <summary>
    /// Plain settings of a <see cref="PhoneAgent"/>, read once by its constructor. Build it by hand or from the
    /// applied provisioning with <see cref="FromConfig"/>. An empty <see cref="Registrar"/> is direct mode: no
    /// REGISTER, calls only to the office directory or to sip:user@a.b.c.d[:port] URIs.
    /// </summary>
    public sealed class AgentConfig
    {
        /// <summary>Dial plan used when none is configured: 2–4 digit extensions (short timer), '#' sends at once.</summary>
        public const string DefaultDialPlan = "(xx<#:>|xxx<#:>|xxxx<#:>|xx|xxx|xxxx)";

        /// <summary>Most office directory entries kept (the schema's limit).</summary>
        public const int MaxDirectory = ConfigSchema.MaxDirectoryEntries;

        // The numbers, the three switches and the five end points in one array: on nanoCLR every field is a 12-byte
        // heap block and a NetEndPoint field also a boxed 36-byte object, an array element 4 bytes (docs/MEMORY.md).
        private const int LocalAddressAt = 0;
        private const int RegistrarPortAt = 1;
        private const int SipPortAt = 2;
        private const int RtpPortBaseAt = 3;
        private const int DtmfPayloadTypeAt = 4;
        private const int DtmfDurationMsAt = 5;
        private const int ExpiresAt = 6;
        private const int MaxCallsAt = 7;
        private const int SipMessageBytesAt = 8;
        private const int SipMaxHeadersAt = 9;
        private const int SipTransactionsAt = 10;
        private const int SipMessageBuffersAt = 11;
        private const int LocalCallRecordsAt = 12;
        private const int RtpDatagramBytesAt = 13;
        private const int SdpMediaLinesAt = 14;
        private const int JitterSlotsAt = 15;
        private const int JitterSlotBytesAt = 16;
        private const int FlagsAt = 17;
        private const int RegistrarAt = 18;
        private const int DnsServerAt = 20;
        private const int BackupRegistrarAt = 22;
        private const int OutboundProxyAt = 24;
        private const int EmergencyRouteAt = 26;
        private const int SipSmallMessageBuffersAt = 28;
        private const int Slots = 29;
        private const int RegistrarPortGivenFlag = 1;
        private const int LocalModeFlag = 2;
        private const int AcceptCallsOnlyFromPbxFlag = 4;
        private readonly int[] _v = new int[Slots];

        /// <summary>A configuration with the defaults each member documents.</summary>
        public AgentConfig()
        {
            _v[RegistrarPortAt] = 5060;
            _v[SipPortAt] = 5060;
            _v[RtpPortBaseAt] = 16384;
            _v[DtmfPayloadTypeAt] = 101;
            _v[DtmfDurationMsAt] = 120;
            _v[ExpiresAt] = 3600;
            _v[MaxCallsAt] = 2;
            _v[SipMessageBytesAt] = 4096;
            _v[JitterSlotsAt] = 32;
            _v[JitterSlotBytesAt] = 240;
            _v[FlagsAt] = LocalModeFlag | AcceptCallsOnlyFromPbxFlag;
        }

        /// <summary>SIP user part (the extension), e.g. "201".</summary>
        public string User = "phone";

        /// <summary>Digest user name; null or empty: <see cref="User"/>.</summary>
        public string AuthUser;

        /// <summary>Digest password (never logged).</summary>
        public string Password;

        /// <summary>Display name sent in From; null for none.</summary>
        public string DisplayName;

        /// <summary>SIP domain (From/To host, REGISTER Request-URI); in direct mode any name (our address).</summary>
        public string Domain = "localhost";

        /// <summary>Primary registrar; empty: direct mode (no registration).</summary>
        public NetEndPoint Registrar { get => NetEndPoint.Load(_v, RegistrarAt); set => value.Store(_v, RegistrarAt); }

        /// <summary>
        /// Registrar given as a DNS name (empty <see cref="Registrar"/>): located through <see cref="DnsServer"/> and
        /// AgentPorts.Dns by SRV "_sip._udp.name" in priority/weight order, else the name's A record with
        /// <see cref="RegistrarPort"/> (RFC 3263 §4.2); the targets found are the primary and backups. Null for none.
        /// </summary>
        public string RegistrarName;

        /// <summary>Port used with the A record when <see cref="RegistrarName"/> has no SRV records.</summary>
        public int RegistrarPort { get => _v[RegistrarPortAt]; set => _v[RegistrarPortAt] = value; }

        /// <summary>The provisioned registrar name carried a port: located by its A record only (RFC 3263 §4.2).</summary>
        public bool RegistrarPortGiven { get => (_v[FlagsAt] & RegistrarPortGivenFlag) != 0; set => SetFlag(RegistrarPortGivenFlag, value); }

        /// <summary>DNS server asked for <see cref="RegistrarName"/> (from DHCP on the device); empty: none.</summary>
        public NetEndPoint DnsServer { get => NetEndPoint.Load(_v, DnsServerAt); set => value.Store(_v, DnsServerAt); }

        /// <summary>Backup registrar (failover after a timeout or 503); empty for none.</summary>
        public NetEndPoint BackupRegistrar { get => NetEndPoint.Load(_v, BackupRegistrarAt); set => value.Store(_v, BackupRegistrarAt); }

        /// <summary>Where calls outside the directory go; empty: the registrar (or the URI host in direct mode).</summary>
        public NetEndPoint OutboundProxy { get => NetEndPoint.Load(_v, OutboundProxyAt); set => value.Store(_v, OutboundProxyAt); }

        /// <summary>Our IPv4 address (first octet high): Via, Contact, SDP c=.</summary>
        public uint LocalAddress { get => unchecked((uint)_v[LocalAddressAt]); set => _v[LocalAddressAt] = unchecked((int)value); }

        /// <summary>Our SIP port (the SIP socket must be bound to it).</summary>
        public int SipPort { get => _v[SipPortAt]; set => _v[SipPortAt] = value; }

        /// <summary>RTP port of call slot n is RtpPortBase + 2n, RTCP the odd port above (the sockets must match).</summary>
        public int RtpPortBase { get => _v[RtpPortBaseAt]; set => _v[RtpPortBaseAt] = value; }

        /// <summary>Codecs offered, in order (SdpOfferAnswer.Pcmu / Pcma).</summary>
        public int[] Codecs = { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma };

        /// <summary>telephone-event payload type offered (RFC 4733), -1 for none.</summary>
        public int DtmfPayloadType { get => _v[DtmfPayloadTypeAt]; set => _v[DtmfPayloadTypeAt] = value; }

        /// <summary>Length of a DTMF digit sent with <see cref="PhoneAgent.SendDtmf"/>, ms.</summary>
        public int DtmfDurationMs { get => _v[DtmfDurationMsAt]; set => _v[DtmfDurationMsAt] = value; }

        /// <summary>Requested registration lifetime, seconds.</summary>
        public int Expires { get => _v[ExpiresAt]; set => _v[ExpiresAt] = value; }

        /// <summary>Tone plan country code ("us", "de", …; see Dsp.CountryProfile).</summary>
        public string Country = "us";

        /// <summary>SPA-style digit map; null or empty: <see cref="DefaultDialPlan"/>.</summary>
        public string DialPlan;

        /// <summary>Call slots (2 allows call waiting); the ports need as many RTP sockets.</summary>
        public int MaxCalls { get => _v[MaxCallsAt]; set => _v[MaxCallsAt] = value; }

        /// <summary>
        /// The office directory (extension, name, desk end point per entry), filled by <see cref="FromConfig"/>; the
        /// agent's survivability routes read this same object. The Directory* members below view it as arrays.
        /// </summary>
        public OfficeDirectory Directory = new OfficeDirectory(0);

        /// <summary>Office directory: extensions (get: a new array; set: replaces them in <see cref="Directory"/>).</summary>
        public string[] DirectoryExtensions
        {
            get => Directory.ExtensionList();
            set => Directory.SetExtensions(value);
        }

        /// <summary>Office directory: SIP end point of each extension (get: a new array; set: replaces them).</summary>
        public NetEndPoint[] DirectoryEndPoints
        {
            get
            {
                var all = new NetEndPoint[Directory.Capacity];
                for (int i = 0; i < all.Length; i++) all[i] = Directory.EndPoint(i);
                return all;
            }

            set => Directory.SetEndPoints(value);
        }

        /// <summary>Office directory: display names, may hold nulls (get: a new array; set: replaces them).</summary>
        public string[] DirectoryNames
        {
            get => Directory.NameList();
            set => Directory.SetNames(value);
        }

        /// <summary>User-Agent header value.</summary>
        public string UserAgent = "Phone/0.1";

        /// <summary>
        /// Registrar keep-alive, failover, fail-back and local survivability (Resilience.RegistrarMonitor and
        /// SurvivabilityController); null leaves failover to the registration's own transaction timeout.
        /// </summary>
        public Phone.Core.Resilience.RegistrarMonitorConfig KeepAlive;

        /// <summary>Local survivability when no registrar answers (resilience.local_mode); false: failover only.</summary>
        public bool LocalMode { get => (_v[FlagsAt] & LocalModeFlag) != 0; set => SetFlag(LocalModeFlag, value); }

        /// <summary>Numbers sent to <see cref="EmergencyRoute"/> in local mode (resilience.emergency_numbers).</summary>
        public string[] EmergencyNumbers = { "112", "911" };

        /// <summary>Emergency gateway on the LAN used in local mode; empty: emergency numbers get reorder there.</summary>
        public NetEndPoint EmergencyRoute { get => NetEndPoint.Load(_v, EmergencyRouteAt); set => value.Store(_v, EmergencyRouteAt); }

        /// <summary>Where the local-mode call log goes (MESSAGE) once registered again; null: sip:calllog@domain.</summary>
        public string CallLogUri;

        /// <summary>
        /// With a registrar: SIP requests are taken only from the registrars, the outbound proxy and the office
        /// directory's desks; anything else is dropped without an answer (security.accept_calls_only_from_pbx).
        /// </summary>
        public bool AcceptCallsOnlyFromPbx { get => (_v[FlagsAt] & AcceptCallsOnlyFromPbxFlag) != 0; set => SetFlag(AcceptCallsOnlyFromPbxFlag, value); }

        /// <summary>Largest SIP message received (the transport's one receive buffer).</summary>
        public int SipMessageBytes { get => _v[SipMessageBytesAt]; set => _v[SipMessageBytesAt] = value; }

        /// <summary>Header lines a received SIP message may have (each SIP parser's table); 0: SipMessage.DefaultMaxHeaders (64).</summary>
        public int SipMaxHeaders { get => _v[SipMaxHeadersAt]; set => _v[SipMaxHeadersAt] = value; }

        /// <summary>SIP transactions of each kind (client, server); 0: the call layer's default, 4·MaxCalls + 4.</summary>
        public int SipTransactions { get => _v[SipTransactionsAt]; set => _v[SipTransactionsAt] = value; }

        /// <summary>SIP message buffers lent to transactions and calls (CallConfig.MessageBuffers); 0: the call layer's default.</summary>
        public int SipMessageBuffers { get => _v[SipMessageBuffersAt]; set => _v[SipMessageBuffersAt] = value; }

        /// <summary>Small SIP message buffers added to those (CallConfig.SmallMessageBuffers); 0: none.</summary>
        public int SipSmallMessageBuffers { get => _v[SipSmallMessageBuffersAt]; set => _v[SipSmallMessageBuffersAt] = value; }

        /// <summary>Calls made in local survivability mode kept for the report to the PBX; 0: 16.</summary>
        public int LocalCallRecords { get => _v[LocalCallRecordsAt]; set => _v[LocalCallRecordsAt] = value; }

        /// <summary>Receive buffer of one RTP/RTCP datagram; 0: 1500.</summary>
        public int RtpDatagramBytes { get => _v[RtpDatagramBytesAt]; set => _v[RtpDatagramBytesAt] = value; }

        /// <summary>m= lines a received SDP body may have; 0: the parser's maximum (4).</summary>
        public int SdpMediaLines { get => _v[SdpMediaLinesAt]; set => _v[SdpMediaLinesAt] = value; }

        /// <summary>Jitter buffer slots of the call's media session.</summary>
        public int JitterSlots { get => _v[JitterSlotsAt]; set => _v[JitterSlotsAt] = value; }

        /// <summary>Bytes of one jitter buffer slot (largest RTP payload kept).</summary>
        public int JitterSlotBytes { get => _v[JitterSlotBytesAt]; set => _v[JitterSlotBytesAt] = value; }

        /// <summary>True when a registrar address is configured (a <see cref="RegistrarName"/> is located by the agent first).</summary>
        public bool UsesRegistrar => !Registrar.IsEmpty;

        /// <summary>The SIP end point of directory entry <paramref name="index"/>.</summary>
        public NetEndPoint DirectoryEndPoint(int index) => Directory.EndPoint(index);

        /// <summary>The directory index of <paramref name="extension"/>, -1 when it is not listed.</summary>
        public int FindExtension(string extension) => Directory.Find(extension);

        /// <summary>
        /// Reads account <paramref name="account"/> (1-based), media, dial plan, tones and the directory.* entries
        /// of an applied configuration (keys as in ConfigSchema / docs/CONFIGURATION.md). A registrar given as an IPv4
        /// literal is used as is; a host name becomes the domain and <see cref="RegistrarName"/> (located by DNS in the
        /// agent; the owner sets <see cref="DnsServer"/>). Backup and proxy must be IPv4 literals. The resilience.*
        /// keys fill <see cref="KeepAlive"/>, local mode and the emergency route. Our own extension is left out of the
        /// directory. Configuration-time code.
        /// </summary>
        public static AgentConfig FromConfig(ProvisioningConfig config, int account, uint localAddress, int sipPort, int rtpPortBase)
        {
            var c = new AgentConfig();
            c.LocalAddress = localAddress;
            c.SipPort = sipPort;
            c.RtpPortBase = rtpPortBase;
            string prefix = "account." + account.ToString() + ".";
            string user = config.GetString(prefix + "user");
            if (user.Length > 0) c.User = user;
            string authUser = config.GetString(prefix + "auth_user");
            c.AuthUser = authUser.Length > 0 ? authUser : null;
            c.Password = config.GetString(prefix + "password");
            string display = config.GetString(prefix + "display_name");
            c.DisplayName = display.Length > 0 ? display : null;
            int expires = config.GetInt(prefix + "expires");
            if (expires > 0) c.Expires = expires;

            bool enabled = config.GetBool(prefix + "enabled");
            string registrar = config.GetString(prefix + "registrar");
            string host;
            NetEndPoint ep;
            if (registrar.Length > 0)
            {
                bool literal = TryHostPort(registrar, out host, out ep);
                c.Domain = host;
                if (enabled && literal) c.Registrar = ep;
                else if (enabled && Phone.Core.Resilience.RegistrarLocator.NeedsLookup(host))
                {
                    // A name: the agent locates the registrar by DNS SRV / A (needs AgentPorts.Dns and DnsServer).
                    c.RegistrarName = host;
                    c.RegistrarPort = ep.Port != 0 ? ep.Port : PortOf(registrar);
                    c.RegistrarPortGiven = registrar.IndexOf(':') >= 0;
                }
            }
            else
            {
                c.Domain = NetEndPoint.AddressToString(localAddress);
            }
            if (c.UsesRegistrar || c.RegistrarName != null)
            {
                if (TryHostPort(config.GetString(prefix + "backup_registrar"), out host, out ep)) c.BackupRegistrar = ep;
                if (TryHostPort(config.GetString(prefix + "outbound_proxy"), out host, out ep)) c.OutboundProxy = ep;
            }

            c.Codecs = ParseCodecs(config.GetString("media.codecs"));
            if (config.GetString("media.dtmf_mode") != "rfc4733") c.DtmfPayloadType = -1;
            string map = config.Get("dialplan.map");
            c.DialPlan = map != null && map.Length > 0 ? map : null;
            c.AcceptCallsOnlyFromPbx = config.GetBool("security.accept_calls_only_from_pbx");
            // With a registrar the phone watches it (OPTIONS keep-alive), fails over, fails back and falls into local
            // survivability mode on its own: the shipped timing (docs/RELIABILITY.md) detects a dead PBX in < 10 s.
            if (c.UsesRegistrar || c.RegistrarName != null)
            {
                c.KeepAlive = new Phone.Core.Resilience.RegistrarMonitorConfig
                {
                    KeepAliveIntervalMs = config.GetInt("resilience.keepalive_s") * 1000,
                    DeadAfterMisses = config.GetInt("resilience.dead_after_misses"),
                    RecoveryProbeIntervalMs = config.GetInt("resilience.failback_probe_s") * 1000,
                    FailbackGoodProbes = config.GetInt("resilience.failback_good_probes"),
                };
            }
            c.LocalMode = config.GetBool("resilience.local_mode");
            c.EmergencyNumbers = SplitList(config.GetString("resilience.emergency_numbers"));
            if (TryHostPort(config.GetString("resilience.emergency_route"), out host, out ep)) c.EmergencyRoute = ep;
            string logUri = config.GetString("resilience.call_log_uri");
            c.CallLogUri = logUri.Length > 0 ? logUri : null;
            c.Country = config.GetString("tones.country");

            int n = 0;
            for (int i = 0; i < config.Count; i++)
            {
                if (IsDirectoryKey(config.KeyAt(i)) && config.KeyAt(i).Substring(10) != c.User) n++;
            }
            // "name, a.b.c.d[:port]" as the parser validated it; an entry that does not read is left out.
            c.Directory = new OfficeDirectory(n);
            for (int i = 0; i < config.Count; i++)
            {
                string key = config.KeyAt(i);
                if (!IsDirectoryKey(key)) continue;
                string ext = key.Substring(10);
                if (ext != c.User) c.Directory.TryAdd(ext, config.ValueAt(i));
            }
            return c;
        }

        private void SetFlag(int flag, bool on)
        {
            if (on) _v[FlagsAt] |= flag;
            else _v[FlagsAt] &= ~flag;
        }

        // The port of "host[:port]", 5060 when absent or bad.
        private static int PortOf(string hostPort)
        {
            int colon = hostPort.IndexOf(':');
            int port;
            if (colon < 0 || !ConfigValues.TryParseInt(hostPort.Substring(colon + 1), out port) || port < 1 || port > 65535) return 5060;
            return port;
        }

        private static bool IsDirectoryKey(string key) => key != null && key.Length > 10 && key.StartsWith("directory.");

        // "112, 911" → { "112", "911" }; empty items dropped (the schema checked the characters).
        private static string[] SplitList(string list)
        {
            if (list.Length == 0) return new string[0];
            string[] parts = list.Split(',');
            int n = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = parts[i].Trim();
                if (parts[i].Length > 0) n++;
            }
            string[] items = new string[n];
            n = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length > 0) items[n++] = parts[i];
            }
            return items;
        }

        private static int[] ParseCodecs(string list)
        {
            string[] parts = list.Split(',');
            int n = 0;
            int[] tmp = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                string p = parts[i].Trim();
                if (p == "pcmu") tmp[n++] = SdpOfferAnswer.Pcmu;
                else if (p == "pcma") tmp[n++] = SdpOfferAnswer.Pcma;
            }
            if (n == 0) return new int[] { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma };
            int[] codecs = new int[n];
            for (int i = 0; i < n; i++) codecs[i] = tmp[i];
            return codecs;
        }

        /// <summary>
        /// Splits "host[:port]": true with the end point when host is an IPv4 literal (port 5060 when absent);
        /// false otherwise (host is still set).
        /// </summary>
        public static bool TryHostPort(string text, out string host, out NetEndPoint endPoint)
        {
            endPoint = default(NetEndPoint);
            host = text ?? "";
            if (host.Length == 0) return false;
            int colon = host.IndexOf(':');
            int port = 5060;
            if (colon >= 0)
            {
                if (!ConfigValues.TryParseInt(host.Substring(colon + 1), out port) || port < 1 || port > 65535) port = 5060;
                host = host.Substring(0, colon);
            }
            uint address;
            if (!NetEndPoint.TryParseAddress(host, out address) || address == 0) return false;
            endPoint = new NetEndPoint(address, port);
            return true;
        }
    }
}
