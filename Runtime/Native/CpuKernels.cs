using System;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// Which CPU kernels libtorch uses for convolutions and recurrent layers. libtorch 2.10's oneDNN kernels returned wrong
/// convolutions (forward and gradients, conv1d/2d/3d, most channel counts above 16 that are not a multiple of 16) and
/// wrong LSTM outputs on an AVX-512 machine, so <see cref="TorchNative.EnsureLoaded"/> checks them once and switches
/// oneDNN off where they are wrong: the convolutions then run through libtorch's exact im2col + GEMM kernels. Set
/// <see cref="ModeVariable"/> to choose instead (<see cref="OneDnnMode"/>).
/// </summary>
public static class CpuKernels
{
    /// <summary>The environment variable read at load: <c>auto</c> (default), <c>on</c> or <c>off</c>.</summary>
    public const string ModeVariable = "QUICKDRAWDSL_ONEDNN";

    private static readonly object Gate = new();

    /// <summary>The mode read from <see cref="ModeVariable"/> when libtorch was loaded.</summary>
    public static OneDnnMode Mode { get; private set; } = OneDnnMode.Auto;

    /// <summary>Whether libtorch may use its oneDNN CPU kernels now; null when this libtorch build does not expose the switch.</summary>
    public static bool? OneDnnEnabled => LibTorchContext.MkldnnEnabled;

    /// <summary>One line that says which kernels were chosen at load and why, for logs and benchmark headers.</summary>
    public static string Decision { get; private set; } = "libtorch not loaded yet";

    /// <summary>
    /// Turns libtorch's oneDNN CPU kernels on or off for the whole process (NNPACK follows, so that every convolution
    /// takes libtorch's im2col + GEMM path when oneDNN is off). Meant for start-up and for side-by-side measurements:
    /// kernels already running on other threads are not affected until their next call.
    /// </summary>
    /// <param name="enabled">True for libtorch's default kernels, false for the exact fallback.</param>
    /// <returns>False when this libtorch build does not expose the switch (nothing changed).</returns>
    public static bool UseOneDnn(bool enabled)
    {
        TorchNative.EnsureLoaded();
        lock (Gate)
        {
            return Switch(enabled);
        }
    }

    /// <summary>Reads <paramref name="value"/> as a <see cref="OneDnnMode"/>.</summary>
    /// <param name="value">The variable's value; null or empty means <see cref="OneDnnMode.Auto"/>.</param>
    /// <param name="mode">The mode read.</param>
    /// <param name="error">A one-line message naming the variable and its choices when the value is not one of them.</param>
    /// <returns>True when <paramref name="value"/> names a mode.</returns>
    public static bool TryParseMode(string? value, out OneDnnMode mode, out string? error)
    {
        error = null;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                mode = OneDnnMode.Auto;
                return true;
            case "on" or "1" or "true":
                mode = OneDnnMode.On;
                return true;
            case "off" or "0" or "false":
                mode = OneDnnMode.Off;
                return true;
            default:
                mode = OneDnnMode.Auto;
                error = $"{ModeVariable}='{value}' is not a choice: use auto (check oneDNN once and keep it only if exact; the default), on, or off.";
                return false;
        }
    }

    /// <summary>Applies <see cref="ModeVariable"/>; called once by <see cref="TorchNative.EnsureLoaded"/> after libtorch loads.</summary>
    /// <exception cref="TorchNativeLoadException">The variable holds something other than a mode.</exception>
    internal static void Configure()
    {
        if (!TryParseMode(Environment.GetEnvironmentVariable(ModeVariable), out OneDnnMode mode, out string? error))
        {
            throw new TorchNativeLoadException(error!, new ArgumentException(error, ModeVariable));
        }

        lock (Gate)
        {
            Mode = mode;
            Decision = Decide(mode);
        }
    }

    private static string Decide(OneDnnMode mode)
    {
        if (!LibTorchContext.Available)
        {
            return "oneDNN switch not found in this libtorch build: libtorch's default kernels";
        }

        switch (mode)
        {
            case OneDnnMode.On:
                Switch(true);
                return $"oneDNN on ({ModeVariable}=on, not checked)";
            case OneDnnMode.Off:
                Switch(false);
                return $"oneDNN off ({ModeVariable}=off)";
        }

        // NNPACK off while checking: libtorch asks it about convolutions, and where it cannot initialise it warns on stderr each time.
        LibTorchContext.TrySetMkldnn(true);
        LibTorchContext.TrySetNnpack(false);
        (string name, double error) = OneDnnSelfCheck.Run();
        string measured = double.IsPositiveInfinity(error) ? "NaN" : error.ToString("G3", CultureInfo.InvariantCulture);
        if (error <= OneDnnSelfCheck.Tolerance)
        {
            LibTorchContext.TrySetNnpack(true);
            return $"oneDNN on: its convolutions matched float64 within {measured} on this CPU";
        }

        Switch(false);
        return $"oneDNN off: its {name} differed from float64 by {measured} on this CPU (set {ModeVariable}=on to use it anyway)";
    }

    private static bool Switch(bool enabled)
    {
        return LibTorchContext.TrySetMkldnn(enabled) && LibTorchContext.TrySetNnpack(enabled);
    }
}
