using System;
using System.IO;
using QuickDrawDsl.Examples.Video.Commands;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>One small run of the video example (generated clips, few epochs), trained, evaluated and exported once for all of <see cref="VideoExampleTests"/>.</summary>
public sealed class VideoRunFixture : IDisposable
{
    public const int TrainPerClass = 60;
    public const int TestPerClass = 20;
    public const int Epochs = 5;
    public const int Seed = 1;

    public VideoRunFixture()
    {
        Run = new RunFolder(Path.Combine(Path.GetTempPath(), "qd-video-" + Guid.NewGuid().ToString("N")));
        Settings = new RunSettings(null, ClipSets.GeneratedClasses, Seed, TrainPerClass, TestPerClass, TrainOptions.DefaultNoise, ClipLayout.ChannelsFramesHeightWidth, Resize: false, HoldOut: 0);
        Training = TrainCommand.Execute(Run, Settings, Epochs, batchSize: 32, resume: false, TextWriter.Null, ProgressMode.None);
        Evaluation = EvaluateCommand.Execute(Run);
        Parity = ExportCommand.Execute(Run);
    }

    internal RunFolder Run { get; }

    internal RunSettings Settings { get; }

    internal TrainingSummary Training { get; }

    internal Evaluation Evaluation { get; }

    internal ExportParity Parity { get; }

    public void Dispose()
    {
        if (Directory.Exists(Run.Path))
        {
            Directory.Delete(Run.Path, recursive: true);
        }
    }
}
