using System;
using System.Diagnostics;
using System.IO;
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
        string[] args = ["train", "--data", "data", "--epochs", "100", "--train-per-class", "8", "--test-per-class", "4", "--batch-size", "4", "--output", "run", "--resume"];
        string run = Path.Combine(root, "run");
        string checkpoint = Path.Combine(run, "checkpoint.qdckpt");
        var random = new Random(12);
        int kills = 0, withCheckpoint = 0;
        while (kills < 10)
        {
            using Process process = ExamplePrograms.Start("quickdraw", args, root);
            using var training = new ManualResetEventSlim();
            int epochsBeforeKill = random.Next(1, 4), epochsSeen = 0;
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.StandardInput.Close();
            // Dedicated threads, not the thread pool's async reads: with the pool starved (two cores, a test blocked in
            // Wait) the epoch lines arrived seconds late and a quiet machine had finished the run before the kill.
            var stdout = new Thread(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    output.Enqueue(line);
                    if (line.StartsWith("epoch ", StringComparison.Ordinal) && Interlocked.Increment(ref epochsSeen) == epochsBeforeKill)
                    {
                        training.Set();
                    }
                }

                training.Set(); // the output ended: the run exited before its epochs, reported below
            });
            var stderr = new Thread(() =>
            {
                while (process.StandardError.ReadLine() is { } line)
                {
                    output.Enqueue("stderr: " + line);
                }
            });
            stdout.IsBackground = true;
            stderr.IsBackground = true;
            stdout.Start();
            stderr.Start();

            // Kill at a random moment once epochs are running (each writes a checkpoint), mostly mid-epoch or mid-write:
            // after 1-3 epochs of this run and up to 200 ms more (about one epoch). Counting epochs rather than waiting a random time keeps
            // the ten runs short of the last epoch however fast the machine is (an epoch here takes 30-400 ms);
            // the wait for them is generous because CI runs the test projects side by side on two cores.
            training.Wait(TimeSpan.FromMinutes(3)).ShouldBeTrue($"run {kills + 1} must start training; its output so far:\n{string.Join('\n', output)}");
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new ShouldAssertException($"run {kills + 1} exited ({process.ExitCode}) before it could be killed; its output:\n{string.Join('\n', output)}");
            }

            bool exited = process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(200)));
            exited.ShouldBeFalse($"run {kills + 1} must still be training when it is killed; its output:\n{string.Join('\n', output)}");
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
        ProgramRun resumed = ExamplePrograms.Run("quickdraw", args, root, timeout: TimeSpan.FromMinutes(5));
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Stdout.ShouldContain("resumed from");
        resumed.Stdout.ShouldContain(" of 100 by val_loss: validation top-1 accuracy");
        File.Exists(Path.Combine(run, "model.qdweights")).ShouldBeTrue();
        Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        CheckpointVersionAndHash(checkpoint);
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length.ShouldBe(101, "one row per epoch, none lost or repeated");
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
