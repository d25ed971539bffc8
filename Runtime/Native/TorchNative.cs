using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Native;

/// <summary>
/// The one place where QuickDrawDsl first touches TorchSharp's native library. When the load fails it throws a
/// <see cref="TorchNativeLoadException"/> whose message says in one line what is missing and how to fix it,
/// instead of TorchSharp's multi-line probe trace (kept as the inner exception).
/// </summary>
public static class TorchNative
{
    /// <summary>The glibc++ symbol version that libtorch 2.10 (TorchSharp 0.107) needs.</summary>
    public const string RequiredGlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>The command that installs what the native library needs, run from the repository root.</summary>
    public const string SetupCommand = "sudo ./eng/setup.sh";

    private static readonly object Gate = new();
    private static volatile bool loaded;

    /// <summary>Loads TorchSharp's CPU backend once; later calls return immediately.</summary>
    /// <exception cref="TorchNativeLoadException">The native library cannot be loaded on this machine.</exception>
    public static void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        lock (Gate)
        {
            if (loaded)
            {
                return;
            }

            // Checked before TorchSharp is asked: its failed probe prints a long trace to stdout that we cannot take back.
            LibStdCxxProbe? libStdCxx = FindLibStdCxx();
            if (libStdCxx is { HasRequiredVersion: false })
            {
                var missing = new DllNotFoundException($"{libStdCxx.Path} does not export {RequiredGlibcxxVersion}.");
                throw new TorchNativeLoadException(Diagnose(missing, libStdCxx), missing);
            }

            TextWriter stdout = Console.Out;
            var trace = new StringWriter();
            try
            {
                Console.SetOut(trace);
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception ex)
            {
                ex.Data["TorchSharpTrace"] = trace.ToString();
                throw new TorchNativeLoadException(Diagnose(ex, libStdCxx), ex);
            }
            finally
            {
                Console.SetOut(stdout);
            }

            // Before any model runs: oneDNN's CPU kernels are checked once and kept off where they are wrong.
            CpuKernels.Configure();
            loaded = true;
        }
    }

    /// <summary>
    /// Loads the backend and returns <paramref name="value"/>, so a constructor can load the native library
    /// before its base constructor runs: <c>: base(TorchNative.Loaded(nameof(MyModel)))</c>.
    /// </summary>
    /// <typeparam name="T">Type of the pass-through value.</typeparam>
    /// <param name="value">Returned unchanged.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static T Loaded<T>(T value)
    {
        EnsureLoaded();
        return value;
    }

    /// <summary>
    /// Builds the one-line explanation for a failed native load. Public for tests and for hosts that probe
    /// the machine themselves.
    /// </summary>
    /// <param name="failure">What TorchSharp threw.</param>
    /// <param name="libStdCxx">The libstdc++ found on this machine and whether it has <see cref="RequiredGlibcxxVersion"/>; null when none was found or the OS is not Linux.</param>
    /// <returns>A single line: what is missing, and the command that fixes it.</returns>
    public static string Diagnose(Exception failure, LibStdCxxProbe? libStdCxx)
    {
        if (libStdCxx is { HasRequiredVersion: false } probe)
        {
            return $"TorchSharp cannot load libtorch: {probe.Path} lacks {RequiredGlibcxxVersion} (libtorch 2.10 needs GCC 13's C++ runtime); fix it with `{SetupCommand}` (Debian 12 / Ubuntu 22.04: installs a newer libstdc++6).";
        }

        string first = FirstLine(failure.Message);
        if (first.IndexOf("libtorch-cpu", StringComparison.OrdinalIgnoreCase) >= 0 || first.IndexOf("libtorch-cuda", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return $"TorchSharp cannot find a libtorch native package for {RuntimeInformation.RuntimeIdentifier}; reference one (this repository does it with -p:QdTorchBackend=cpu, the default) and rebuild. TorchSharp said: {first}";
        }

        return $"TorchSharp cannot load its native library on {RuntimeInformation.RuntimeIdentifier}: {first} Run `{SetupCommand}`, or see README.md#troubleshooting.";
    }

    /// <summary>Finds the libstdc++ the dynamic loader would pick and checks it for <see cref="RequiredGlibcxxVersion"/>.</summary>
    /// <returns>The probe, or null off Linux or when no libstdc++ is found.</returns>
    public static LibStdCxxProbe? FindLibStdCxx()
    {
        return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? FindLibStdCxx(CandidateDirectories()) : null;
    }

    /// <summary>The first <c>libstdc++.so.6</c> in <paramref name="directories"/>, checked for <see cref="RequiredGlibcxxVersion"/>.</summary>
    internal static LibStdCxxProbe? FindLibStdCxx(IEnumerable<string> directories)
    {
        foreach (string dir in directories)
        {
            string path = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(path))
            {
                return new LibStdCxxProbe(path, ContainsAscii(path, RequiredGlibcxxVersion));
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        string? ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ld))
        {
            foreach (string d in ld.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return d;
            }
        }

        string arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64";
        yield return $"/usr/lib/{arch}-linux-gnu";
        yield return $"/lib/{arch}-linux-gnu";
        yield return "/usr/lib64";
        yield return "/lib64";
        yield return "/usr/lib";
    }

    private static bool ContainsAscii(string path, string needle)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(needle);
        byte[] data = File.ReadAllBytes(path);
        return data.AsSpan().IndexOf(pattern) >= 0;
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return (nl < 0 ? message : message[..nl]).Trim();
    }
}
