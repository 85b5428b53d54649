using System.Runtime;
using System.Runtime.InteropServices;

namespace Lifespan.Actors.Benchmarks.Infrastructure;

internal static class MachineInfo
{
    public static void Print()
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}; {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        Console.WriteLine($"Runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent={GCSettings.LatencyMode != GCLatencyMode.Batch}");
        Console.WriteLine();
    }

    private static string CpuModel()
    {
        try
        {
            const string cpuInfo = "/proc/cpuinfo";
            if (File.Exists(cpuInfo))
            {
                var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
