// One Kamailio per test class: it takes ~2 s to stop, so starting it per test would dominate the suite's time.
namespace Phone.Interop.Tests.Kamailio
{
    using System;
    using Phone.Interop.Tests.Harness;

    /// <summary>Class fixture owning a running <see cref="KamailioProcess"/>; stopped after the class even when tests fail.</summary>
    public sealed class KamailioFixture : IDisposable
    {
        /// <summary>Starts Kamailio and waits for its OPTIONS 200.</summary>
        public KamailioFixture() => Kamailio = new KamailioProcess();

        /// <summary>The running proxy.</summary>
        public KamailioProcess Kamailio { get; }

        /// <inheritdoc/>
        public void Dispose() => Kamailio.Dispose();
    }
}
