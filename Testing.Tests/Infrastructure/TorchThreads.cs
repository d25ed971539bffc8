using System.Runtime.CompilerServices;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Testing.Tests.Infrastructure;

/// <summary>One libtorch thread for the test run: the test assemblies run in parallel on few cores (see Runtime.Tests).</summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }
}
