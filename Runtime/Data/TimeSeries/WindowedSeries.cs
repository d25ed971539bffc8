using System.Collections.Generic;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>Windows cut from a series: inputs <c>[N, W, F]</c> and targets <c>[N, k]</c> or <c>[N, W, k]</c>, row-major.</summary>
public sealed class WindowedSeries
{
    internal WindowedSeries(float[] inputs, float[] targets, int count, int window, int features, int horizon, WindowLayout layout, int[] startIndices)
    {
        Inputs = inputs;
        Targets = targets;
        Count = count;
        Window = window;
        Features = features;
        Horizon = horizon;
        Layout = layout;
        StartIndices = startIndices;
    }

    /// <summary>Row-major inputs <c>[N, W, F]</c>.</summary>
    public float[] Inputs { get; }

    /// <summary>Row-major targets, <c>[N, k]</c> (<see cref="WindowLayout.SequenceToVector"/>) or <c>[N, W, k]</c>.</summary>
    public float[] Targets { get; }

    /// <summary>N, the number of windows.</summary>
    public int Count { get; }

    /// <summary>W, the input window length.</summary>
    public int Window { get; }

    /// <summary>F, the input features per step.</summary>
    public int Features { get; }

    /// <summary>k, the number of future values predicted.</summary>
    public int Horizon { get; }

    /// <summary>The target layout.</summary>
    public WindowLayout Layout { get; }

    /// <summary>The series index of the first input step of each window.</summary>
    public IReadOnlyList<int> StartIndices { get; }

    /// <summary>The target shape: <c>[N, k]</c> or <c>[N, W, k]</c>.</summary>
    public long[] TargetShape => Layout == WindowLayout.SequenceToVector ? [Count, Horizon] : [Count, Window, Horizon];

    /// <summary>The inputs as a float32 tensor <c>[N, W, F]</c> (a copy; the caller disposes it).</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor InputsTensor(Device? device = null)
    {
        TorchNative.EnsureLoaded();
        return torch.tensor(Inputs, new long[] { Count, Window, Features }, device: device);
    }

    /// <summary>The targets as a float32 tensor of <see cref="TargetShape"/> (a copy; the caller disposes it).</summary>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor.</returns>
    public Tensor TargetsTensor(Device? device = null)
    {
        TorchNative.EnsureLoaded();
        return torch.tensor(Targets, TargetShape, device: device);
    }
}
