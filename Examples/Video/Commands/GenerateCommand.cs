using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video generate</c>: writes generated clips to disk in the layout <c>train --data</c> reads, as a template for your own data.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write: <out>/<class>/clip_NNNN.npy or <out>/<class>/clip_NNNN/frame_NNN.png", Required = true }.NotBlank();
        var perClass = new Option<int>("--per-class") { Description = "Clips per class", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var format = new Option<string>("--format") { Description = "npy (float32 arrays) or png (a folder of 8-bit frames per clip)", DefaultValueFactory = _ => "npy" };
        format.AcceptOnlyFromAmong("npy", "png");
        Option<string> layout = TrainOptions.LayoutOption();
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 7 };
        var noise = new Option<double>("--noise") { Description = "Pixel noise", DefaultValueFactory = _ => TrainOptions.DefaultNoise }.NotNegative();
        Option<bool> force = CommonOptions.Force("clips already in --out");
        var command = new Command("generate", "Write generated labelled clips as .npy files or PNG frame folders, one sub-folder per class") { output, perClass, format, layout, seed, noise, force };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            var rule = new RunFolderRule("--out", ClipSets.GeneratedClasses, CanResume: false);
            if (rule.Decide(folder, resume: false, parse.GetValue(force)) == RunStart.Restart)
            {
                rule.Clear(folder);
            }

            int written = Execute(parse.GetValue(output)!, parse.GetValue(perClass), parse.GetValue(format) == "png", TrainOptions.ParseLayout(parse.GetValue(layout)!), parse.GetValue(seed), parse.GetValue(noise));
            Console.WriteLine($"Wrote {written} clips to {parse.GetValue(output)}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static int Execute(string folder, int perClass, bool png, ClipLayout layout, int seed, double noise)
    {
        if (perClass < 1)
        {
            throw new UserError($"--per-class {perClass} must be at least 1.");
        }

        var counts = new int[ClipSets.GeneratedClasses.Count];
        int written = 0;
        foreach (VideoClip clip in ClipSets.Generator(seed, noise).GenerateBalanced(perClass))
        {
            string classFolder = Path.Combine(folder, ClipSets.GeneratedClasses[(int)clip.Label]);
            Directory.CreateDirectory(classFolder);
            string name = string.Create(CultureInfo.InvariantCulture, $"clip_{counts[clip.Label]++:0000}");
            if (png)
            {
                VideoClipWriter.ToPngFolder(clip, Path.Combine(classFolder, name));
            }
            else
            {
                VideoClipWriter.ToNpy(clip, Path.Combine(classFolder, name + ".npy"), layout);
            }

            written++;
        }

        return written;
    }
}
