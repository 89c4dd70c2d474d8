// Emulator entry point: `dotnet run --project tools/Phone.Emulator -- office` (or `fleet`).
namespace Phone.Emulator
{
    using System;

    public static class Program
    {
        public static int Main(string[] args)
        {
            string command = args.Length > 0 ? args[0] : "office";
            if (command == "--help" || command == "-h" || command == "help")
            {
                Console.WriteLine("usage: Phone.Emulator <command> [options]   (Phone.Emulator <command> --help for one command)\n"
                    + "  office    the emulated office demo (default): provisioning, a SIP call between desks, a call report\n"
                    + "  fleet     N devices registering at a registrar; time until all are registered\n\n"
                    + OfficeOptions.Usage + "\n\n" + FleetOptions.Usage);
                return 0;
            }
            if (command == "fleet")
            {
                if (Array.IndexOf(args, "--help") > 0)
                {
                    Console.WriteLine(FleetOptions.Usage);
                    return 0;
                }
                FleetOptions fleet = FleetOptions.Parse(args, 1, out string fleetError);
                if (fleet == null)
                {
                    Console.Error.WriteLine("Phone.Emulator fleet: " + fleetError + "\n" + FleetOptions.Usage);
                    return 2;
                }
                return new FleetRun(fleet, Console.Out).Run();
            }
            if (command != "office")
            {
                Console.Error.WriteLine("Phone.Emulator: unknown command '" + command + "' (try --help)");
                return 2;
            }
            if (Array.IndexOf(args, "--help") > 0)
            {
                Console.WriteLine(OfficeOptions.Usage);
                return 0;
            }
            OfficeOptions options = OfficeOptions.Parse(args, 1, out string error);
            if (options == null)
            {
                Console.Error.WriteLine("Phone.Emulator office: " + error + "\n" + OfficeOptions.Usage);
                return 2;
            }
            return new OfficeDemo(options, Console.Out).Run();
        }
    }
}
