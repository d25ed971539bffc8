using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video predict</c>: class probabilities of one clip (.npy or a folder of PNG frames) from the exported model in ONNX Runtime.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder holding model.onnx (from export or the default command)", DefaultValueFactory = _ => Path.Combine("runs", "video") };
        var input = new Option<string>("--input") { Description = "A clip: a .npy array or a folder of PNG frames (read in file-name order)", Required = true };
        Option<string> layout = TrainOptions.LayoutOption();
        Option<bool> resize = TrainOptions.ResizeOption();
        var command = new Command("predict", "Class probabilities of one clip (ONNX Runtime)") { run, input, layout, resize };
        command.SetAction(parse =>
        {
            ClipPrediction p = Execute(new RunFolder(parse.GetValue(run)!), parse.GetValue(input)!, TrainOptions.ParseLayout(parse.GetValue(layout)!), parse.GetValue(resize));
            Console.WriteLine($"{p.Source}: {p.Ranked[0].Label}");
            foreach (OnnxPrediction c in p.Ranked)
            {
                Console.WriteLine($"  {c.Label,-12} {c.Probability,7:P1}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static ClipPrediction Execute(RunFolder run, string input, ClipLayout layout, bool resize)
    {
        if (!File.Exists(run.Onnx))
        {
            throw new UserError($"{run.Onnx} is missing; export the run first: video export --run {run.Path}");
        }

        VideoClip clip = ClipSets.Fit(Read(input, layout), input, resize, layout);
        OnnxPredictor predictor;
        try
        {
            predictor = new OnnxPredictor(run.Onnx);
        }
        catch (OnnxModelLoadException ex)
        {
            throw new UserError($"{ex.Message.TrimEnd('.')}; export it again: video export --run {run.Path}", ex);
        }

        using (predictor)
        {
            return Execute(predictor, clip, input);
        }
    }

    public static ClipPrediction Execute(OnnxPredictor predictor, VideoClip clip, string source)
    {
        int classes = Math.Max(1, predictor.Labels.Count > 0 ? predictor.Labels.Count : (int)(predictor.Outputs[0].Dims[^1].Size ?? 1));
        long[] shape = [1, .. clip.Shape];
        return new ClipPrediction(source, predictor.TopK(clip.Data, shape, classes)[0]);
    }

    public static VideoClip Read(string input, ClipLayout layout)
    {
        try
        {
            if (Directory.Exists(input))
            {
                return VideoClipReader.FromPngFolder(input, label: -1, grayscale: ModelInput.Channels == 1);
            }

            if (!File.Exists(input))
            {
                throw new UserError($"{input}: no such file or folder; give a .npy clip or a folder of PNG frames.");
            }

            if (!input.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                throw new UserError($"{input}: not a clip; give a .npy array ([channels, frames, height, width], or --layout fhwc) or a folder of PNG frames.");
            }

            return VideoClipReader.FromNpy(input, layout, label: -1);
        }
        catch (InvalidDataException ex)
        {
            throw new UserError(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{input} cannot be read ({OneLine.Of(ex.Message).TrimEnd('.')}); give a .npy clip or a folder of PNG frames", ex);
        }
    }
}
