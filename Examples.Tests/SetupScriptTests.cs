using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>
/// eng/setup.sh on a simulated Debian 12 (an os-release file, a libstdc++ without GLIBCXX_3.4.32 and an apt-get that
/// records its calls): it lists the packages the trixie install changes before changing anything, writes them to a
/// log, and stops with one line under QD_NO_SYSTEM_CHANGES=1.
/// </summary>
public sealed class SetupScriptTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "qd-setup-" + Guid.NewGuid().ToString("N")[..8]);

    public SetupScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        File.WriteAllText(Lib, "GLIBCXX_3.4.29 GLIBCXX_3.4.30\n");
        // The simulated install prints what apt-get -s prints on Debian 12 for trixie's libstdc++6 (abridged).
        File.WriteAllText(Path.Combine(root, "bin", "apt-get"), $$"""
            #!/usr/bin/env bash
            echo "$*" >> "{{Calls}}"
            case " $* " in
              *" -s "*)
                echo "Reading package lists..."
                echo "Inst base-files [12.4+deb12u11] (13.8 Debian:13.1/stable [amd64])"
                echo "Inst libc6 [2.36-9+deb12u10] (2.41-12 Debian:13.1/stable [amd64]) []"
                echo "Inst dpkg [1.21.22] (1.22.21 Debian:13.1/stable [amd64])"
                echo "Inst gcc-14-base (14.2.0-19 Debian:13.1/stable [amd64])"
                echo "Inst libstdc++6 [12.2.0-14] (14.2.0-19 Debian:13.1/stable [amd64])"
                echo "Conf libc6 (2.41-12 Debian:13.1/stable [amd64])";;
              *" install "*) echo "GLIBCXX_3.4.32" >> "{{Lib}}";;
            esac
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "bin", "apt-get"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string Lib => Path.Combine(root, "libstdc++.so.6");

    private string Calls => Path.Combine(root, "apt-calls.txt");

    private string Log => Path.Combine(root, "system-changes.log");

    [Fact]
    public void WithTheOptOutItListsTheChangesAndStopsWithOneLine()
    {
        ProgramRun run = Setup(new() { ["QD_NO_SYSTEM_CHANGES"] = "1" });
        run.ExitCode.ShouldBe(3, run.ToString());
        string line = run.ErrorLines.ShouldHaveSingleItem();
        line.ShouldContain("QD_NO_SYSTEM_CHANGES=1");
        line.ShouldContain("5 system packages (base-files, libc6, dpkg, gcc-14-base, ...");
        line.ShouldContain("Debian 13");
        line.ShouldContain("LD_LIBRARY_PATH");
        run.Stdout.ShouldContain("setup:   libc6 2.36-9+deb12u10 -> 2.41-12");
        run.Stdout.ShouldContain("setup:   gcc-14-base new -> 14.2.0-19");
        string log = File.ReadAllText(Log);
        log.ShouldContain("libc6 2.36-9+deb12u10 -> 2.41-12");
        log.ShouldContain("dpkg 1.21.22 -> 1.22.21");
        log.ShouldContain("base-files 12.4+deb12u11 -> 13.8");
        File.ReadAllLines(Calls).ShouldAllBe(c => c.Contains("Dir::State::Lists=", StringComparison.Ordinal), "only the private, simulated apt state may be touched");
        Directory.Exists(Path.Combine(root, "etc")).ShouldBeFalse("nothing may be written to the system's apt configuration");
    }

    [Fact]
    public void WithoutTheOptOutItListsTheChangesBeforeMakingThem()
    {
        ProgramRun run = Setup([]);
        run.ExitCode.ShouldBe(0, run.ToString());
        string output = run.Stdout;
        output.IndexOf("setup:   libc6 2.36-9+deb12u10 -> 2.41-12", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("installing libstdc++6 from Debian trixie", StringComparison.Ordinal));
        output.ShouldContain("now has GLIBCXX_3.4.32");
        File.Exists(Path.Combine(root, "etc/apt/sources.list.d/quickdrawdsl-trixie.sources")).ShouldBeTrue();
        File.Exists(Path.Combine(root, "etc/apt/preferences.d/quickdrawdsl-trixie")).ShouldBeTrue();
        string[] calls = File.ReadAllLines(Calls);
        calls.Last().ShouldContain("install -y -qq -t trixie libstdc++6");
        File.ReadAllText(Log).ShouldContain("libstdc++6 12.2.0-14 -> 14.2.0-19");
    }

    [Fact]
    public void AReadyMachineIsLeftAlone()
    {
        File.WriteAllText(Lib, "GLIBCXX_3.4.32\n");
        ProgramRun run = Setup([]);
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("native runtime ready");
        File.Exists(Calls).ShouldBeFalse();
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private ProgramRun Setup(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(ExamplePrograms.RepositoryRoot, "eng", "setup.sh"));
        info.Environment["QD_SETUP_OS_RELEASE"] = Path.Combine(root, "os-release");
        info.Environment["QD_SETUP_LIBSTDCXX"] = Lib;
        info.Environment["QD_SETUP_APT_GET"] = Path.Combine(root, "bin", "apt-get");
        info.Environment["QD_SETUP_ROOT"] = root;
        info.Environment["QD_SETUP_LOG"] = Log;
        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).ShouldBeTrue();
        return new ProgramRun(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
