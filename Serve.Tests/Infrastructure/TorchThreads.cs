using System.Runtime.CompilerServices;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>One libtorch thread: the test assemblies run side by side on two cores, and oversubscribed OpenMP crawls.</summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }
}
