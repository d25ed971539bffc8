using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Training.Metrics;
using Spectre.Console;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video evaluate</c>: accuracy and per-class accuracy of a trained run on its held-out test clips.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "video") }.NotBlank();
        var command = new Command("evaluate", "Accuracy, per-class accuracy and confusion matrix on the held-out test clips (TorchSharp)") { run };
        command.SetAction(parse =>
        {
            Print(Execute(new RunFolder(parse.GetValue(run)!)), ExampleConsole.Create());
            return ExitCodes.Success;
        });
        return command;
    }

    public static Evaluation Execute(RunFolder run)
    {
        RunSettings settings = run.Load();
        run.RequireWeights();
        IReadOnlyList<VideoClip> test = ClipSets.LoadTest(settings);
        using MotionClassifier model = ClipModel.Create(settings);
        QuickDrawDsl.Runtime.Training.Checkpoints.ModelWeights.Load(model, run.Weights);
        model.eval();
        ConfusionMatrix confusion = Confusion(model, test, settings.Classes.Count);
        ConfusionMatrix still = Confusion(model, test.Select(StillFrame).ToArray(), settings.Classes.Count);
        return new Evaluation(settings.Classes, confusion, still.Accuracy);
    }

    public static void Print(Evaluation result, IAnsiConsole console)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Held-out test clips: {result.Confusion.Total}   accuracy [bold]{result.Confusion.Accuracy:P1}[/]   (chance {1.0 / result.Classes.Count:P1}; the same clips with every frame replaced by the middle one: {result.StillFrameAccuracy:P1})"));
        var table = new Table().AddColumn("class").AddColumn("accuracy");
        foreach (string predicted in result.Classes)
        {
            table.AddColumn(new TableColumn(Markup.Escape("→ " + predicted)).RightAligned());
        }

        IReadOnlyList<double> perClass = result.Confusion.PerClassAccuracy();
        for (int i = 0; i < result.Classes.Count; i++)
        {
            var cells = new List<string> { Markup.Escape(result.Classes[i]), perClass[i].ToString("P1", CultureInfo.InvariantCulture) };
            cells.AddRange(Enumerable.Range(0, result.Classes.Count).Select(j => result.Confusion[i, j].ToString(CultureInfo.InvariantCulture)));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    /// <summary>TorchSharp logits for the clips, in order, in eval mode without gradients.</summary>
    public static Tensor Logits(MotionClassifier model, Batch batch)
    {
        using (no_grad())
        {
            return model.call(batch.Inputs);
        }
    }

    private static ConfusionMatrix Confusion(MotionClassifier model, IReadOnlyList<VideoClip> clips, int classes)
    {
        var confusion = new ConfusionMatrix(classes);
        foreach (Batch batch in ClipModel.Loader(clips, 64, shuffle: false).GetBatches(null))
        {
            using var scope = NewDisposeScope();
            using (batch)
            {
                confusion.Add(Logits(model, batch), batch.Targets);
            }
        }

        return confusion;
    }

    // Appearance without motion: every frame is the middle frame.
    private static VideoClip StillFrame(VideoClip clip)
    {
        int plane = clip.Height * clip.Width;
        int middle = clip.Frames / 2;
        var data = new float[clip.Data.Length];
        for (int c = 0; c < clip.Channels; c++)
        {
            for (int f = 0; f < clip.Frames; f++)
            {
                System.Array.Copy(clip.Data, ((c * clip.Frames) + middle) * plane, data, ((c * clip.Frames) + f) * plane, plane);
            }
        }

        return new VideoClip(data, clip.Channels, clip.Frames, clip.Height, clip.Width, clip.Label);
    }
}
