using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// Keeps LSTM inference off oneDNN. libtorch 2.10 (oneDNN 3.7.1) runs a CPU LSTM with gradients off through oneDNN's
/// <c>brgemm:avx512_core</c> inference kernel, which on AVX-512 machines returns wrong outputs for most hidden sizes
/// (measured against a float64 reference: |Δ| up to 1.4 for 6 units, 0.6 for 48, 0.4 for 100; exact for 32, 64, 128).
/// The training kernel is right, so only forwards without gradients are affected: evaluation, prediction, parity checks.
/// While a guard is open, libtorch's oneDNN switch is off (process-wide, counted, restored by the last guard to close);
/// where the switch cannot be found the LSTM runs with gradients on and its outputs are detached instead.
/// </summary>
internal static class OneDnnLstmGuard
{
    private static readonly object Gate = new();
    private static readonly Switch? Native = Switch.Find();
    private static int depth;
    private static bool previous;

    /// <summary>Whether libtorch's oneDNN switch was found (else the gradients-on fallback runs).</summary>
    internal static bool HasSwitch => Native is not null;

    /// <summary>libtorch's oneDNN switch as it stands now; null where it cannot be read.</summary>
    internal static bool? OneDnnEnabled => Native?.Get();

    /// <summary>Whether the LSTM about to run needs the guard: it is on the CPU and gradients are off.</summary>
    /// <param name="input">The LSTM's input.</param>
    /// <returns>True when oneDNN's inference kernel would be chosen.</returns>
    public static bool Needed(torch.Tensor input) => input.device_type == DeviceType.CPU && !torch.is_grad_enabled();

    /// <summary>Runs <paramref name="call"/> with oneDNN off, or with gradients on where the switch is missing.</summary>
    /// <typeparam name="T">What the call returns.</typeparam>
    /// <param name="call">The LSTM call.</param>
    /// <param name="detach">Detaches the call's tensors; used only on the gradients-on fallback.</param>
    /// <returns>The call's result.</returns>
    public static T Run<T>(Func<T> call, Func<T, T> detach)
    {
        if (Native is null)
        {
            using (torch.enable_grad())
            {
                return detach(call());
            }
        }

        lock (Gate)
        {
            if (depth++ == 0)
            {
                previous = Native.Get();
                Native.Set(false);
            }
        }

        try
        {
            return call();
        }
        finally
        {
            lock (Gate)
            {
                if (--depth == 0)
                {
                    Native.Set(previous);
                }
            }
        }
    }

    /// <summary><c>at::globalContext().setUserEnabledMkldnn(bool)</c> and its getter, found by their exported names.</summary>
    private sealed class Switch
    {
        private readonly IntPtr context;
        private readonly SetEnabled set;
        private readonly GetEnabled get;

        private Switch(IntPtr context, SetEnabled set, GetEnabled get)
        {
            this.context = context;
            this.set = set;
            this.get = get;
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr GlobalContext();

        [UnmanagedFunctionPointer(CallingConvention.ThisCall)]
        private delegate void SetEnabled(IntPtr self, byte enabled);

        [UnmanagedFunctionPointer(CallingConvention.ThisCall)]
        private delegate byte GetEnabled(IntPtr self);

        public bool Get() => get(context) != 0;

        public void Set(bool enabled) => set(context, enabled ? (byte)1 : (byte)0);

        public static Switch? Find()
        {
            TorchNative.EnsureLoaded();
            foreach (string name in new[] { "libtorch_cpu", "torch_cpu" })
            {
                if (!NativeLibrary.TryLoad(name, typeof(torch).Assembly, null, out IntPtr library))
                {
                    continue;
                }

                // Itanium (Linux, macOS) and MSVC (Windows) manglings of the same three members.
                if (TryExport(library, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ", out IntPtr globalContext)
                    && TryExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z", out IntPtr set)
                    && TryExport(library, "_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ", out IntPtr get))
                {
                    IntPtr context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(globalContext)();
                    return context == IntPtr.Zero
                        ? null
                        : new Switch(context, Marshal.GetDelegateForFunctionPointer<SetEnabled>(set), Marshal.GetDelegateForFunctionPointer<GetEnabled>(get));
                }
            }

            return null;
        }

        private static bool TryExport(IntPtr library, string itanium, string msvc, out IntPtr address) =>
            NativeLibrary.TryGetExport(library, itanium, out address) || NativeLibrary.TryGetExport(library, msvc, out address);
    }
}
