// One SRV answer (RFC 2782): priority, weight, port, target, and the target's address when known.
namespace Phone.Core.Dns
{
    /// <summary>An SRV record; reused in fixed arrays, so its fields are set, not constructed, per answer.</summary>
    public sealed class SrvRecord
    {
        /// <summary>Lower is tried first.</summary>
        public int Priority;

        /// <summary>Relative share among records of the same priority.</summary>
        public int Weight;

        /// <summary>Port of the service on the target.</summary>
        public int Port;

        /// <summary>Target host name, without the trailing dot.</summary>
        public string Target;

        /// <summary>IPv4 address of the target (0 until resolved).</summary>
        public uint Address;

        /// <summary>Time to live in seconds.</summary>
        public int TtlSeconds;

        /// <summary>Copies every field of <paramref name="other"/> into this record.</summary>
        public void CopyFrom(SrvRecord other)
        {
            Priority = other.Priority;
            Weight = other.Weight;
            Port = other.Port;
            Target = other.Target;
            Address = other.Address;
            TtlSeconds = other.TtlSeconds;
        }
    }
}
