using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A pooling layer's window; <see cref="CeilMode"/> keeps the incomplete last window (padding: same).</summary>
internal sealed record PoolingSettings(EquatableArray<long> Kernel, EquatableArray<long> Stride, bool CeilMode) : LayerSettings;
