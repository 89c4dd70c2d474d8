// HTTPS port for the whole-firmware heap probe: serves the two configuration files from memory.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Ports;

    /// <summary>Answers GET of the common and the device file with 200 and their text; anything else 404.</summary>
    public sealed class ProbeHttps : IHttpsFetcher
    {
        private readonly string _commonUrl;
        private readonly string _common;
        private readonly string _deviceUrl;
        private readonly string _device;

        /// <summary>A server of two files.</summary>
        public ProbeHttps(string commonUrl, string common, string deviceUrl, string device)
        {
            _commonUrl = commonUrl;
            _common = common;
            _deviceUrl = deviceUrl;
            _device = device;
        }

        /// <inheritdoc/>
        public void SetTrustedCa(string pem)
        {
        }

        /// <inheritdoc/>
        public HttpsResponse Send(HttpsRequest request)
        {
            var response = new HttpsResponse();
            response.Outcome = HttpsOutcome.Completed;
            string text = request.Url == _commonUrl ? _common : request.Url == _deviceUrl ? _device : null;
            if (text == null || request.Method != "GET")
            {
                response.StatusCode = request.Method == "POST" ? 200 : 404;
                response.Body = new byte[0];
                return response;
            }
            byte[] body = request.ResponseBuffer != null ? request.ResponseBuffer : new byte[text.Length];
            int n = 0;
            for (int i = 0; i < text.Length && n < body.Length; i++) body[n++] = (byte)text[i];   // the files are ASCII
            response.StatusCode = 200;
            response.ContentType = "text/plain";
            response.Body = body;
            response.BodyLength = n;
            return response;
        }
    }
}
