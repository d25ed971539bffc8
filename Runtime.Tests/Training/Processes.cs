using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Process ids for the checkpoint tests that clean up after killed writers.</summary>
internal static class Processes
{
    /// <summary>A process id no process has now: pid_max on Linux is at most 4,194,304.</summary>
    public static int DeadProcessId()
    {
        for (int pid = 4_000_000; ; pid++)
        {
            if (!Directory.Exists("/proc/" + pid))
            {
                return pid;
            }
        }
    }
}
