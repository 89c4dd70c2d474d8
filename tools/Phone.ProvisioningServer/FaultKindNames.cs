// Names of FaultKind used on the admin endpoint and in docs.
namespace Phone.ProvisioningServer
{
    /// <summary>Maps <see cref="FaultKind"/> to and from its admin-endpoint name.</summary>
    public static class FaultKindNames
    {
        private static readonly string[] Names =
        {
            "none", "404", "500", "hang", "redirect-loop", "html", "oversized", "truncated", "fail-half",
        };

        /// <summary>The admin name of <paramref name="kind"/>.</summary>
        public static string Of(FaultKind kind) => Names[(int)kind];

        /// <summary>Parses an admin name; false when unknown.</summary>
        public static bool TryParse(string name, out FaultKind kind)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    kind = (FaultKind)i;
                    return true;
                }
            }

            kind = FaultKind.None;
            return false;
        }
    }
}
