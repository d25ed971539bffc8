using System;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>A device was asked for that this machine or build cannot use (CUDA without a GPU or without a CUDA build of libtorch).</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="choice">The device asked for.</param>
    /// <param name="message">One line: what is missing and the alternatives.</param>
    public DeviceUnavailableException(DeviceChoice choice, string message)
        : base(message)
    {
        Choice = choice;
    }

    /// <summary>The device asked for.</summary>
    public DeviceChoice Choice { get; }
}
