using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>A training run killed with SIGKILL at random moments, again and again, resumes to the end with a loadable checkpoint and no temporary files left.</summary>
public sealed class KillDuringTrainingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "qd-kill-" + Guid.NewGuid().ToString("N")[..8]);

    public KillDuringTrainingTests()
    {
        Drawings.WriteFolder(Path.Combine(root, "data"), 12, "apple", "banana", "eye");
    }

    [Fact]
    public void TenKillsLeaveALoadableCheckpointAndTheResumedRunCompletes()
    {
        string[] args = ["train", "--data", "data", "--epochs", "60", "--train-per-class", "8", "--test-per-class", "4", "--batch-size", "4", "--output", "run", "--resume"];
        string run = Path.Combine(root, "run");
        string checkpoint = Path.Combine(run, "checkpoint.qdckpt");
        var random = new Random(12);
        int kills = 0, withCheckpoint = 0;
        while (kills < 10)
        {
            using Process process = ExamplePrograms.Start("quickdraw", args, root);
            using var training = new ManualResetEventSlim();
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("epoch ", StringComparison.Ordinal) == true)
                {
                    training.Set();
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            // Kill at a random moment once epochs are running (each writes a checkpoint), mostly mid-epoch or mid-write.
            training.Wait(TimeSpan.FromSeconds(60)).ShouldBeTrue("training must start");
            bool exited = process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(1200)));
            exited.ShouldBeFalse("the run must still be training when it is killed; give it more epochs");
            process.Kill(entireProcessTree: true); // SIGKILL: no handler runs
            process.WaitForExit();
            kills++;
            if (File.Exists(checkpoint))
            {
                withCheckpoint++;
                CheckpointVersionAndHash(checkpoint);
            }
        }

        withCheckpoint.ShouldBe(10, "every kill comes after the first epoch's checkpoint");
        ProgramRun resumed = ExamplePrograms.Run("quickdraw", args, root, timeout: TimeSpan.FromMinutes(2));
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Stdout.ShouldContain("resumed from");
        resumed.Stdout.ShouldContain(" of 60 (lowest validation loss)");
        File.Exists(Path.Combine(run, "model.bin")).ShouldBeTrue();
        Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        CheckpointVersionAndHash(checkpoint);
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length.ShouldBe(61, "one row per epoch, none lost or repeated");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    // Format 2: the SHA-256 of everything before it ends the file; a kill never leaves a checkpoint that fails it.
    private static void CheckpointVersionAndHash(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes.AsSpan(0, 8).ToArray().ShouldBe("QDCKPT\r\n"u8.ToArray());
        BitConverter.ToInt32(bytes, 8).ShouldBe(2);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).ShouldBe(bytes[^32..]);
    }
}
