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

        [Fact]
        public void Whole_firmware_heap_during_a_call_is_within_the_48_KB_budget()
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
                ? $"within the budget by {MemoryBudget.InCallHeapBudgetBytes - total} B"
                : $"OVER the budget by {total - MemoryBudget.InCallHeapBudgetBytes} B");
            // The budget itself (docs/MEMORY.md): a change that adds to the in-call heap pays for it elsewhere.
            Assert.True(total <= MemoryBudget.InCallHeapBudgetBytes, $"whole firmware {total} B is over the {MemoryBudget.InCallHeapBudgetBytes} B budget");
            // The device layer's own buffers alone are within the budget (DeviceCoreTests checks their sum).
            Assert.True(adapters <= MemoryBudget.TotalBytes);
        }
    }
}
