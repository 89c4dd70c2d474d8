// Request handlers of the provisioning server: config files, status reports, admin knobs.
namespace Phone.ProvisioningServer
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Security.Cryptography;
    using System.Text;
    using System.Text.Json;
    using System.Threading;
    using System.Threading.Tasks;
    using Microsoft.AspNetCore.Http;
    using Microsoft.Extensions.Primitives;

    /// <summary>
    /// GET /prov/&lt;mac&gt;.cfg and /prov/common.cfg (auth, fault, render, sign, ETag/304), POST and GET
    /// /status/&lt;mac&gt;, and the admin endpoints under /admin.
    /// </summary>
    public sealed class ProvisioningEndpoints
    {
        /// <summary>Name of the file shared by all devices.</summary>
        public const string CommonFile = "common.cfg";

        private const int MaxStatusBytes = 16384;
        private const string TextPlain = "text/plain; charset=utf-8";
        private readonly string _dataDir;
        private readonly ProvisioningServerOptions _options;
        private readonly DigestAuthenticator _digest;
        private readonly FaultTable _faults;
        private readonly StatusStore _status;
        private readonly AccessLog _log;

        /// <summary>Creates the handlers over shared server state.</summary>
        public ProvisioningEndpoints(string dataDir, ProvisioningServerOptions options, FaultTable faults, StatusStore status,
            AccessLog log)
        {
            _dataDir = dataDir;
            _options = options;
            _digest = new DigestAuthenticator(options.NonceLifetimeSeconds);
            _faults = faults;
            _status = status;
            _log = log;
        }

        /// <summary>GET /prov/{file}.</summary>
        public async Task ServeFile(HttpContext context)
        {
            string file = (string)context.Request.RouteValues["file"];
            bool common = file == CommonFile;
            string mac = null;
            if (!common)
            {
                if (!IsMacFile(file))
                {
                    await Finish(context, 404, null, "none", "none", "not found\n");
                    return;
                }

                mac = file.Substring(0, 12);
            }

            DeviceTable table;
            try
            {
                table = DeviceTable.Load(_dataDir);
            }
            catch (Exception e) when (e is JsonException || e is IOException)
            {
                await Finish(context, 500, mac, "none", "none", "devices.json unreadable\n");
                return;
            }

            DeviceRecord target = common ? null : table.FindByMac(mac);
            if (!common && target == null)
            {
                if (table.UnknownDeviceStatus == 401)
                {
                    // Same answer as a known device without credentials, so probing reveals nothing.
                    AddChallenges(context, table, null, false);
                    await Finish(context, 401, mac, "none", "none", "unauthorized\n");
                }
                else
                {
                    await Finish(context, 404, mac, "none", "none", "not found\n");
                }

                return;
            }

            AuthCheck auth = Authenticate(context, table, target, common ? !table.CommonPublic : target.NeedsAuth);
            if (!auth.Ok)
            {
                if (auth.FailStatus == 401) AddChallenges(context, table, target, auth.Stale);
                await Finish(context, auth.FailStatus, mac, auth.Scheme, "none", auth.FailStatus == 401 ? "unauthorized\n" : "forbidden\n");
                return;
            }

            DeviceRecord device = target ?? auth.Device;
            mac ??= device?.Mac;
            if (!TryBuild(file, device, out byte[] body, out string problem))
            {
                await Finish(context, problem == null ? 404 : 500, mac, auth.Scheme, "none", problem == null ? "not found\n" : problem + "\n");
                return;
            }

            FaultKind fault = _faults.Next(file);
            if (fault != FaultKind.None)
            {
                await ApplyFault(context, fault, body, mac, auth.Scheme);
                return;
            }

            string etag = ConfigRenderer.ETagOf(body);
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            if (ConfigRenderer.NoneMatchHits(context.Request.Headers.IfNoneMatch, etag))
            {
                // RFC 9110 §15.4.5: 304 repeats the ETag and carries no body.
                context.Response.StatusCode = 304;
                Log(context, mac, auth.Scheme, 304, true, "none", 0);
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = TextPlain;
            context.Response.ContentLength = body.Length;
            // Logged before the body goes out, so the line is there by the time the client has the response.
            Log(context, mac, auth.Scheme, 200, false, "none", body.Length);
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }

        /// <summary>
        /// POST /status/{mac} or POST /status: the device reports (text, at most 16 KiB). With a MAC it is authenticated
        /// like its config file; without one the credentials (Digest user or Bearer token) say which device it is.
        /// </summary>
        public async Task PostStatus(HttpContext context)
        {
            string mac = context.Request.RouteValues.TryGetValue("mac", out object given) && given is string text
                ? DeviceTable.NormalizeMac(text)
                : null;
            if (mac != null && !IsMacFile(mac + ".cfg"))
            {
                await Finish(context, 404, null, "none", "none", "not found\n");
                return;
            }

            DeviceTable table = DeviceTable.Load(_dataDir);
            DeviceRecord device = mac == null ? null : table.FindByMac(mac);
            if (mac != null && device == null)
            {
                await Finish(context, 404, mac, "none", "none", "not found\n");
                return;
            }

            AuthCheck auth = Authenticate(context, table, device, device == null || device.NeedsAuth);
            if (!auth.Ok || auth.Device == null)
            {
                if (auth.FailStatus == 401) AddChallenges(context, table, device, auth.Stale);
                await Finish(context, auth.Ok ? 401 : auth.FailStatus, mac, auth.Scheme, "none", "unauthorized\n");
                return;
            }

            mac = auth.Device.Mac;
            byte[] buffer = new byte[MaxStatusBytes + 1];
            int count = 0;
            while (count < buffer.Length)
            {
                int read = await context.Request.Body.ReadAsync(buffer.AsMemory(count), context.RequestAborted);
                if (read == 0) break;
                count += read;
            }

            if (count > MaxStatusBytes)
            {
                await Finish(context, 413, mac, auth.Scheme, "none", "too large\n");
                return;
            }

            _status.Record(mac, Encoding.UTF8.GetString(buffer, 0, count));
            context.Response.StatusCode = 204;
            Log(context, mac, auth.Scheme, 204, false, "none", 0);
        }

        /// <summary>GET /status/{mac}: the latest report (operators and tests; loopback only, no auth).</summary>
        public async Task GetStatus(HttpContext context)
        {
            string mac = DeviceTable.NormalizeMac((string)context.Request.RouteValues["mac"]);
            string report = _status.Latest(mac);
            if (report == null) await Finish(context, 404, mac, "none", "none", "no report\n");
            else await Finish(context, 200, mac, "none", "none", report);
        }

        /// <summary>PUT /admin/faults/{file}?kind=&lt;name&gt; sets a fault; DELETE clears it.</summary>
        public async Task SetFault(HttpContext context)
        {
            string file = (string)context.Request.RouteValues["file"];
            FaultKind kind = FaultKind.None;
            if (HttpMethods.IsPut(context.Request.Method) && !FaultKindNames.TryParse(context.Request.Query["kind"], out kind))
            {
                await Finish(context, 400, null, "none", "none", "unknown kind\n");
                return;
            }

            _faults.Set(file, kind);
            await Finish(context, 200, null, "none", "none", file + " " + FaultKindNames.Of(kind) + "\n");
        }

        /// <summary>DELETE /admin/faults: clears every fault.</summary>
        public async Task ClearFaults(HttpContext context)
        {
            _faults.Clear();
            await Finish(context, 200, null, "none", "none", "cleared\n");
        }

        /// <summary>GET /admin/log: the recent access log lines.</summary>
        public Task GetLog(HttpContext context)
        {
            context.Response.ContentType = TextPlain;
            return context.Response.WriteAsync(string.Join("\n", _log.Snapshot()) + "\n", context.RequestAborted);
        }

        // Renders <mac>.cfg from the device's template or reads common.cfg, then signs. problem==null with false: 404.
        private bool TryBuild(string file, DeviceRecord device, out byte[] body, out string problem)
        {
            body = null;
            problem = null;
            string text;
            if (file == CommonFile)
            {
                string path = Path.Combine(_dataDir, CommonFile);
                if (!File.Exists(path)) return false;
                text = File.ReadAllText(path);
            }
            else
            {
                string templatePath = Path.Combine(_dataDir, "templates", Path.GetFileName(device.Template ?? "default.cfg.tpl"));
                if (!File.Exists(templatePath))
                {
                    problem = "template missing";
                    return false;
                }

                if (!ConfigRenderer.TryRender(File.ReadAllText(templatePath), device.Mac, device.Variables, out text, out string missing))
                {
                    problem = "template variable undefined: " + missing;
                    return false;
                }
            }

            try
            {
                body = ConfigRenderer.Finish(text, device?.SigningKey);
            }
            catch (FormatException)
            {
                problem = "signing key is not hex";
                return false;
            }

            return true;
        }

        // RFC 7616 §3.4 (Digest) or RFC 6750 §2.1 (Bearer); target is null for common.cfg (any known device).
        private AuthCheck Authenticate(HttpContext context, DeviceTable table, DeviceRecord target, bool required)
        {
            AuthCheck check = new AuthCheck { Device = target };
            if (!required)
            {
                check.Ok = true;
                return check;
            }

            string header = context.Request.Headers.Authorization;
            if (string.IsNullOrEmpty(header)) return check;
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                check.Scheme = "bearer";
                byte[] given = Encoding.UTF8.GetBytes(header.Substring(7).Trim());
                foreach (DeviceRecord device in table.Devices)
                {
                    if (target != null && device != target) continue;
                    if (string.IsNullOrEmpty(device.Token)) continue;
                    if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(device.Token)))
                    {
                        check.Ok = true;
                        check.Device = device;
                        return check;
                    }
                }

                return check;
            }

            if (!DigestParameters.TryParse(header, out Dictionary<string, string> p) || !p.TryGetValue("username", out string user))
                return check;
            check.Scheme = "digest";
            DeviceRecord owner = table.FindByUser(user);
            if (owner == null) return check;
            string uri = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
            DigestResult result = _digest.Verify(p, context.Request.Method, uri, table.Realm, owner.Password,
                out string algorithm);
            if (algorithm != null) check.Scheme = "digest-" + algorithm;
            if (result == DigestResult.Stale)
            {
                check.Stale = true;
                return check;
            }

            if (result != DigestResult.Ok) return check;
            if (target != null && owner != target)
            {
                // Valid credentials of another device: it may not read this one's file.
                check.FailStatus = 403;
                return check;
            }

            check.Ok = true;
            check.Device = owner;
            return check;
        }

        private void AddChallenges(HttpContext context, DeviceTable table, DeviceRecord target, bool stale)
        {
            bool digest = target == null || !string.IsNullOrEmpty(target.Password);
            bool bearer = target == null || !string.IsNullOrEmpty(target.Token);
            List<string> values = new List<string>();
            if (digest) values.AddRange(_digest.Challenges(table.Realm, stale));
            if (bearer) values.Add("Bearer realm=\"" + table.Realm + "\"");
            context.Response.Headers.WWWAuthenticate = new StringValues(values.ToArray());
        }

        private async Task ApplyFault(HttpContext context, FaultKind fault, byte[] body, string mac, string scheme)
        {
            string name = FaultKindNames.Of(fault);
            switch (fault)
            {
                case FaultKind.NotFound:
                    await Finish(context, 404, mac, scheme, name, "not found\n");
                    return;
                case FaultKind.ServerError:
                    await Finish(context, 500, mac, scheme, name, "internal error\n");
                    return;
                case FaultKind.Hang:
                    try
                    {
                        await Task.Delay(_options.HangMs, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        Log(context, mac, scheme, 0, false, name, 0);
                        return;
                    }

                    await Finish(context, 503, mac, scheme, name, "gave up\n");
                    return;
                case FaultKind.RedirectLoop:
                    context.Response.Headers.Location = context.Request.Path.ToUriComponent();
                    await Finish(context, 302, mac, scheme, name, string.Empty);
                    return;
                case FaultKind.Html:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<html><body><h1>Sign in to the network</h1></body></html>\n", context.RequestAborted);
                    Log(context, mac, scheme, 200, false, name, 0);
                    return;
                case FaultKind.Oversized:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = TextPlain;
                    byte[] chunk = Encoding.ASCII.GetBytes(new string('#', 1023) + "\n");
                    try
                    {
                        for (int i = 0; i < 1024; i++) await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    }
                    catch (Exception e) when (e is OperationCanceledException || e is IOException)
                    {
                        // The client stopped reading: that is the point.
                    }

                    Log(context, mac, scheme, 200, false, name, 1 << 20);
                    return;
                case FaultKind.Truncated:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = TextPlain;
                    context.Response.ContentLength = body.Length;
                    await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    Log(context, mac, scheme, 200, false, name, body.Length / 2);
                    context.Abort();
                    return;
                default:
                    await Finish(context, 500, mac, scheme, name, "unknown fault\n");
                    return;
            }
        }

        private async Task Finish(HttpContext context, int status, string mac, string scheme, string fault, string text)
        {
            byte[] body = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            if (body.Length > 0) context.Response.ContentType = TextPlain;
            context.Response.ContentLength = body.Length;
            // Logged before the body goes out, so the line is there by the time the client has the response.
            if (!context.Request.Path.StartsWithSegments("/admin")) Log(context, mac, scheme, status, false, fault, body.Length);
            if (body.Length > 0) await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }

        private void Log(HttpContext context, string mac, string scheme, int status, bool etagHit, string fault, int bytes)
        {
            _log.Write(context.Connection.RemoteIpAddress + ":" + context.Connection.RemotePort, context.Request.Method,
                context.Request.Path.ToUriComponent(), mac, scheme, status, etagHit, fault, bytes);
        }

        private static bool IsMacFile(string file)
        {
            if (file == null || file.Length != 16 || !file.EndsWith(".cfg", StringComparison.Ordinal)) return false;
            for (int i = 0; i < 12; i++)
            {
                char c = file[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }

            return true;
        }
    }
}
