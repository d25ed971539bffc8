using System;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// TorchSharp's native library could not be loaded. <see cref="Exception.Message"/> is one line that names what is
/// missing and the fix; TorchSharp's own exception, with its probe trace, is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TorchNativeLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One-line explanation and fix.</param>
    /// <param name="inner">What TorchSharp threw.</param>
    public TorchNativeLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
