// Emulator entry point: `dotnet run --project tools/Phone.Emulator -- office`.
namespace Phone.Emulator
{
    using System;

    public static class Program
    {
        public static int Main(string[] args)
        {
            string command = args.Length > 0 ? args[0] : "office";
            if (command == "--help" || command == "-h")
            {
                Console.WriteLine("usage: Phone.Emulator office    run the emulated office demo");
                return 0;
            }
            if (command != "office")
            {
                Console.Error.WriteLine("Phone.Emulator: unknown command '" + command + "' (try --help)");
                return 2;
            }
            Console.WriteLine("Emulated office: not yet available.");
            Console.WriteLine("The portable core is being built; this command will boot emulated devices once the");
            Console.WriteLine("media, SIP and provisioning parts land. Nothing was emulated.");
            return 0;
        }
    }
}
