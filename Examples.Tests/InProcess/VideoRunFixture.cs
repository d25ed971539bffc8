using System;
using System.IO;
using System.Text.Json;
using QuickDrawDsl.Examples.Tests.Infrastructure;
using QuickDrawDsl.Examples.Video.Pipeline;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// One small run of the video example, made once for all of <see cref="VideoExampleTests"/> as a user makes it:
/// <c>video all</c> (generate 100 clips a class, the generated train, evaluate and export, and the example's report).
/// </summary>
public sealed class VideoRunFixture : IDisposable
{
    public const int PerClass = 100;
    public const int Epochs = 5;
    public const int Seed = 1;

    public VideoRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("qd-video-").FullName;
        All = ExamplePrograms.Run("video", ["all", "--per-class", $"{PerClass}", "--epochs", $"{Epochs}", "--seed", $"{Seed}", "--threads", "1", "--output", "run"], Root, timeout: TimeSpan.FromMinutes(6));
        if (All.ExitCode == 0)
        {
            Results = JsonSerializer.Deserialize<RunResults>(File.ReadAllText(Path.Combine(Run, RunReport.ResultsJson)));
        }
    }

    /// <summary>The folder the program ran in.</summary>
    public string Root { get; }

    /// <summary>The run folder.</summary>
    public string Run => Path.Combine(Root, "run");

    /// <summary>The generated clips (a <c>video_clips</c> folder).</summary>
    public string Clips => Path.Combine(Run, RunReport.ClipsFolder);

    /// <summary>What <c>video all</c> printed and returned.</summary>
    public ProgramRun All { get; }

    /// <summary>results.json; null when the run failed (the tests then report <see cref="All"/>).</summary>
    internal RunResults? Results { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
