using System.Runtime.CompilerServices;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// One libtorch thread for the whole test run. The test assemblies run in parallel on a 2-core machine, and
/// oversubscribed OpenMP threads slow training by orders of magnitude (measured: 520 → 5 samples/s).
/// </summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }
}
