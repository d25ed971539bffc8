namespace QuickDrawDsl.Runtime.Native;

/// <summary>The C++ runtime library found on a Linux machine and whether it is new enough for libtorch.</summary>
/// <param name="Path">Where the library is.</param>
/// <param name="HasRequiredVersion">Whether it exports <see cref="TorchNative.RequiredGlibcxxVersion"/>.</param>
public sealed record LibStdCxxProbe(string Path, bool HasRequiredVersion);
