using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// libtorch's global backend flags (<c>at::globalContext().setUserEnabledMkldnn</c>, the switch behind Python's
/// <c>torch.backends.mkldnn.enabled</c>), which TorchSharp 0.107 does not expose. The C++ members are looked up by their
/// mangled names in the loaded <c>torch_cpu</c> library; where a name is missing (another libtorch build or ABI) the
/// flags are reported unavailable instead of failing.
/// </summary>
internal static class LibTorchContext
{
    private static readonly Lazy<Entry?> Entries = new(Find);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContextFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlagFunction(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlagFunction(IntPtr context);

    /// <summary>Whether the flags can be read and set in this process's libtorch.</summary>
    public static bool Available => Entries.Value is not null;

    /// <summary>Whether libtorch may pick oneDNN (MKL-DNN) kernels; null when <see cref="Available"/> is false.</summary>
    public static bool? MkldnnEnabled => Entries.Value is { } e ? e.GetMkldnn(e.Context) : null;

    /// <summary>Lets libtorch pick oneDNN kernels for CPU convolutions and recurrent layers, or not.</summary>
    /// <returns>False when the flag is not available.</returns>
    public static bool TrySetMkldnn(bool enabled)
    {
        if (Entries.Value is not { } e)
        {
            return false;
        }

        e.SetMkldnn(e.Context, enabled);
        return true;
    }

    /// <summary>Lets libtorch pick NNPACK kernels for CPU convolutions, or not.</summary>
    /// <returns>False when the flag is not available.</returns>
    public static bool TrySetNnpack(bool enabled)
    {
        if (Entries.Value is not { } e)
        {
            return false;
        }

        e.SetNnpack(e.Context, enabled);
        return true;
    }

    private static Entry? Find()
    {
        IntPtr library = IntPtr.Zero;
        foreach (string name in new[] { "torch_cpu", "libtorch_cpu" })
        {
            if (NativeLibrary.TryLoad(name, typeof(torch).Assembly, null, out library))
            {
                break;
            }
        }

        if (library == IntPtr.Zero)
        {
            return null;
        }

        // Itanium C++ ABI (Linux, macOS) first, then MSVC's names for the same members.
        IntPtr globalContext = Export(library, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ");
        IntPtr setMkldnn = Export(library, "_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z");
        IntPtr getMkldnn = Export(library, "_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ");
        IntPtr setNnpack = Export(library, "_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z");
        if (globalContext == IntPtr.Zero || setMkldnn == IntPtr.Zero || getMkldnn == IntPtr.Zero || setNnpack == IntPtr.Zero)
        {
            return null;
        }

        IntPtr context = Marshal.GetDelegateForFunctionPointer<GlobalContextFunction>(globalContext)();
        return context == IntPtr.Zero
            ? null
            : new Entry(
                context,
                Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setMkldnn),
                Marshal.GetDelegateForFunctionPointer<GetFlagFunction>(getMkldnn),
                Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setNnpack));
    }

    private static IntPtr Export(IntPtr library, string itanium, string msvc)
    {
        return NativeLibrary.TryGetExport(library, itanium, out IntPtr address) || NativeLibrary.TryGetExport(library, msvc, out address)
            ? address
            : IntPtr.Zero;
    }

    private sealed record Entry(IntPtr Context, SetFlagFunction SetMkldnn, GetFlagFunction GetMkldnn, SetFlagFunction SetNnpack);
}
