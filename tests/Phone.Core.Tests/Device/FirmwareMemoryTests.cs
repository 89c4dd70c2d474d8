// The whole firmware's managed heap during a call, measured (not summed by hand) against MemoryBudget's 48 KB.
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Linq;
    using Phone.Core.Device;
    using Phone.Core.Ports;
    using Xunit.Abstractions;

    public class FirmwareMemoryTests
    {
        private readonly ITestOutputHelper _out;

        public FirmwareMemoryTests(ITestOutputHelper output) => _out = output;

        /// <summary>
        /// What the whole firmware measured at the last change (nanoCLR model, bytes). The 48 KB budget is NOT met
        /// yet (docs/MEMORY.md lists what is left to do); this ceiling keeps the figure from growing unnoticed and
        /// is lowered with every reduction.
        /// </summary>
        private const long MeasuredCeilingBytes = 50162 + 1024;   // 50,162 B: SipMessage slices, ports and ttl as 16-bit codes; 50,618 B: two pool buffer sizes, call flags, RTP written in the receive buffer, registration ids packed; SipParseStats without a Rejected slot; 54,146 B: header names as literals, I2S in 5 ms pieces, tones built when played, dialogs per use, SDP numbers packed, provisioning attempt per use, resilience exchanges per use; provisioning holds no attempt, request, file layers or setup store when idle, resilience senders hold request state and the call log its records only while needed; 63,922 B: configuration parked when idle, second call slot on demand, transactions packed, one audio frame, config objects packed; SIP receive buffer one pool buffer long, SIP transactions packed, stats counters in arrays; LED durations as code, no hash, HMAC or digest calculator held by a static; 78,754 B after the last round: the transaction layer writes in the shared SIP scratch, DevKitC I2S at 8 kHz (slot buffers halved), board table let go after boot, nibble CRC, SIP buffer pool, one SIP scratch, compact SipMessage, configuration as one block, directory/call log as arrays, media/crypto/digest trims (136,826 B before)

        [Fact]
        public void Whole_firmware_heap_during_a_call_is_measured_against_the_48_KB_budget()
        {
            var model = new NanoHeapModel(typeof(MemoryBudget).Assembly);
            // No hash, HMAC or digest calculator is held by a static (CryptoAllocationTests checks it): they exist only
            // while a digest answer, an SDP body or a configuration check runs, so nothing needs to be used first here.
            // Class constructors first, so that the allocation figure below is the firmware's objects only.
            long statics = model.AddCoreStatics();
            _out.WriteLine($"core statics {statics}: " + string.Join(", ", model.ByType.OrderByDescending(k => k.Value).Take(10).Select(k => k.Key + " " + k.Value)));
            foreach (var kv in model.ByField.OrderByDescending(k => k.Value).Take(30)) _out.WriteLine($"  {kv.Key,-67} {kv.Value,7}");

            long before = GC.GetAllocatedBytesForCurrentThread();
            using FirmwareImage image = FirmwareImage.Boot();
            image.SetUpCall();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            long core = 0;
            var owners = image.CoreRoots();
            model.SetOwners(owners.Select(o => o.Root).ToArray());
            foreach (var (owner, root) in owners)
            {
                var had = model.ByType.ToDictionary(k => k.Key, k => k.Value);
                long bytes = model.AddOwner(root);
                string top = string.Join(", ", model.ByType.Select(k => (k.Key, k.Value - (had.TryGetValue(k.Key, out long h) ? h : 0)))
                    .Where(k => k.Item2 > 0).OrderByDescending(k => k.Item2).Take(6).Select(k => k.Key + " " + k.Item2));
                _out.WriteLine($"    {top}");
                core += bytes;
                _out.WriteLine($"{owner,-32} {bytes,7}");
            }
            // Statics the firmware created while it ran (first-use instances, e.g. the digest clients' shared
            // calculator): objects already counted above are not counted again.
            long lateStatics = model.AddCoreStatics();
            _out.WriteLine($"{"statics created while running",-32} {lateStatics,7}");
            statics += lateStatics;
            long adapters = FirmwareImage.DeviceAdapterBytes;
            long total = statics + core + adapters;

            _out.WriteLine($"nanoCLR model: core objects {core} B, core statics {statics} B, device adapters {adapters} B, total {total} B of {MemoryBudget.InCallHeapBudgetBytes} B");
            // The same objects with the 64-bit posix nanoCLR's 24-byte blocks, to compare with tools/Phone.NanoSmoke's
            // FirmwareProbe measured there (docs/MEMORY.md, "Checked on nanoCLR").
            var posix = new NanoHeapModel(typeof(MemoryBudget).Assembly, null, 24);
            posix.AddCoreStatics();
            posix.SetOwners(owners.Select(o => o.Root).ToArray());
            long posixCore = owners.Sum(o => posix.AddOwner(o.Root));
            _out.WriteLine($"core objects with 24-byte blocks (the posix nanoCLR's): {posixCore} B");
            _out.WriteLine($"CoreCLR allocated while booting and setting up the call (incl. garbage and test fakes): {allocated} B");
            foreach (var kv in model.ByType.OrderByDescending(k => k.Value).Take(40)) _out.WriteLine($"  {kv.Key,-32} {kv.Value,7}");
            foreach (var kv in model.ByField.OrderByDescending(k => k.Value).Take(40)) _out.WriteLine($"  field {kv.Key,-60} {kv.Value,7}");
            _out.WriteLine($"office configuration: common {OfficeConfig.Common.Length} + device {OfficeConfig.Device.Length} characters");
            Assert.True(image.CallConnected, "the simulated call did not connect");
            _out.WriteLine(total <= MemoryBudget.InCallHeapBudgetBytes
                ? "within the budget"
                : $"OVER the budget by {total - MemoryBudget.InCallHeapBudgetBytes} B");
            Assert.True(total <= MeasuredCeilingBytes, $"whole firmware {total} B grew past the measured ceiling {MeasuredCeilingBytes} B");
            // The device layer's own buffers alone are within the budget (DeviceCoreTests checks their sum).
            Assert.True(adapters <= MemoryBudget.TotalBytes);
        }
    }
}
