// URL helpers for provisioning: file URLs under the server directory, redirect targets (RFC 9110 §10.2.2), log-safe form.
namespace Phone.Core.Provisioning
{
    /// <summary>Small https URL manipulations; no System.Uri on the device.</summary>
    public static class ProvisioningUrl
    {
        /// <summary>
        /// The URL of <paramref name="file"/> in the directory <paramref name="baseUrl"/> ("https://h/prov/" +
        /// "001122334455.cfg"). A base without a trailing slash is taken as a directory too.
        /// </summary>
        public static string FileUrl(string baseUrl, string file)
        {
            int query = baseUrl.IndexOf('?');
            string path = query >= 0 ? baseUrl.Substring(0, query) : baseUrl;
            return path.EndsWith("/") ? path + file : path + "/" + file;
        }

        /// <summary>
        /// Resolves a Location header against the URL it answered: absolute https, absolute path, or relative path.
        /// Returns null for anything that would leave https (a redirect to http is refused).
        /// </summary>
        public static string ResolveRedirect(string current, string location)
        {
            if (location == null || location.Length == 0) return null;
            string lower = location.ToLower();
            if (lower.StartsWith("https://")) return location;
            if (lower.IndexOf("://") >= 0 || lower.StartsWith("//")) return null;
            int authorityEnd = current.IndexOf('/', 8);
            string origin = authorityEnd < 0 ? current : current.Substring(0, authorityEnd);
            if (location[0] == '/') return origin + location;
            int query = current.IndexOf('?');
            string path = query >= 0 ? current.Substring(0, query) : current;
            int slash = path.LastIndexOf('/');
            return (slash >= 8 ? path.Substring(0, slash + 1) : origin + "/") + location;
        }

        /// <summary>"https://host[:port]" of an absolute URL (lower-case), for same-origin checks.</summary>
        public static string Origin(string url)
        {
            int end = url.IndexOf('/', 8);
            return (end < 0 ? url : url.Substring(0, end)).ToLower();
        }

        /// <summary>The request-target of an absolute URL: its path and query ("/" when it has none).</summary>
        public static string RequestTarget(string url)
        {
            int end = url.IndexOf('/', 8);
            return end < 0 ? "/" : url.Substring(end);
        }

        /// <summary>
        /// The URL as it may appear in a log line: user-info and query (which could carry a token) are removed.
        /// </summary>
        public static string ForLog(string url)
        {
            if (url == null) return "(none)";
            string s = url;
            int query = s.IndexOf('?');
            if (query >= 0) s = s.Substring(0, query) + "?…";
            int scheme = s.IndexOf("://");
            int at = s.IndexOf('@');
            int pathStart = scheme >= 0 ? s.IndexOf('/', scheme + 3) : -1;
            if (scheme >= 0 && at > scheme && (pathStart < 0 || at < pathStart)) s = s.Substring(0, scheme + 3) + s.Substring(at + 1);
            return s;
        }

        /// <summary>
        /// A provisioning URL from DHCP option 66: an https URL as is, a bare host name as "https://host/";
        /// anything else (tftp://, http://) gives null because only https is fetched.
        /// </summary>
        public static string FromOption66(string value)
        {
            if (value == null) return null;
            string v = value.Trim();
            if (v.Length == 0) return null;
            if (v.ToLower().StartsWith("https://")) return v;
            if (v.IndexOf("://") >= 0) return null;
            return ConfigValues.IsHostPort(v.ToLower()) ? "https://" + v.ToLower() + "/" : null;
        }

        /// <summary>
        /// A provisioning URL from DHCP option 43: encapsulated sub-options (RFC 2132 §8.4 code/length/value),
        /// sub-option 1 holding the URL as ASCII. Null when absent or malformed.
        /// </summary>
        public static string FromOption43(byte[] data)
        {
            if (data == null) return null;
            int p = 0;
            while (p + 2 <= data.Length)
            {
                int code = data[p], length = data[p + 1];
                if (code == 0) { p++; continue; }
                if (code == 255 || p + 2 + length > data.Length) return null;
                if (code == 1)
                {
                    char[] chars = new char[length];
                    for (int i = 0; i < length; i++)
                    {
                        byte b = data[p + 2 + i];
                        if (b < 0x21 || b > 0x7E) return null;
                        chars[i] = (char)b;
                    }
                    return FromOption66(new string(chars));
                }
                p += 2 + length;
            }
            return null;
        }
    }
}
