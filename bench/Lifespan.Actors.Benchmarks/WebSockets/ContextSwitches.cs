using System.Runtime.InteropServices;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// The process's context switches so far, from <c>getrusage(RUSAGE_SELF)</c> (every thread, including those that
/// ended): voluntary ones are mostly a thread parking because it has no work, and waking costs the next hop.
/// Zero where <c>getrusage</c> is not available (not Linux).
/// </summary>
internal static partial class ContextSwitches
{
    private const int RusageSelf = 0;

    public static (long Voluntary, long Involuntary) Read()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageSelf, out var usage) != 0)
        {
            return (0, 0);
        }

        return (usage.VoluntarySwitches, usage.InvoluntarySwitches);
    }

    [DllImport("libc", SetLastError = false)]
#pragma warning disable SA1300, IDE1006 // the C function's name
    private static extern int getrusage(int who, out RUsage usage);
#pragma warning restore SA1300, IDE1006

    /// <summary><c>struct rusage</c> on 64-bit Linux: two <c>timeval</c>s, then fourteen <c>long</c>s.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSet;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
