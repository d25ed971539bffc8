using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Turns a <see cref="DeviceChoice"/> into a TorchSharp device, the same way for trainers and command lines.</summary>
public static class Devices
{
    /// <summary>The device for <paramref name="choice"/>: CUDA when asked for (or <see cref="DeviceChoice.Auto"/>) and available, else the CPU.</summary>
    /// <param name="choice">The choice.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DeviceUnavailableException"><see cref="DeviceChoice.Cuda"/> was asked for and <c>torch.cuda.is_available()</c> is false.</exception>
    /// <exception cref="TorchNativeLoadException">libtorch cannot be loaded.</exception>
    public static torch.Device Resolve(DeviceChoice choice)
    {
        if (choice == DeviceChoice.Cpu)
        {
            return torch.CPU;
        }

        TorchNative.EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        if (choice == DeviceChoice.Cuda && !cuda)
        {
            throw new DeviceUnavailableException(choice,
#if QD_CUDA
                "CUDA was asked for but no CUDA device is available (torch.cuda.is_available() is false: no NVIDIA GPU or driver here); use the CPU (--device cpu) or auto, which takes CUDA only when present");
#else
                "CUDA was asked for but this libtorch has no CUDA (the CPU package) or sees no NVIDIA GPU; reference TorchSharp-cuda-linux (or -windows) 0.107.0 instead of libtorch-cpu-* (in this repository: -p:QdTorchBackend=cuda-linux) and run where an NVIDIA driver is, or use the CPU (--device cpu) or auto");
#endif
        }

        return cuda ? torch.CUDA : torch.CPU;
    }
}
