using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary><c>video generate</c>: writes generated clips as a <c>video_clips</c> folder (one sub-folder a class), what <c>video train</c> reads.</summary>
internal static class GenerateCommand
{
    /// <summary>The default pixel noise of the generated clips.</summary>
    public const double DefaultNoise = 0.3;

    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Folder to write: <output>/<class>/clip_NNNN.npy or <output>/<class>/clip_NNNN/frame_NNN.png (default: data.path of the spec)", DefaultValueFactory = _ => new MotionClassifierData().Path! }.NotBlank();
        var perClass = new Option<int>("--per-class") { Description = "Clips per class", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var format = new Option<string>("--format") { Description = "npy (float32 [1, frames, size, size] arrays) or png (a folder of 8-bit frames per clip)", DefaultValueFactory = _ => "npy" };
        format.AcceptOnlyFromAmong("npy", "png");
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 7 };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the pixel noise", DefaultValueFactory = _ => DefaultNoise }.NotNegative();
        Option<bool> force = CommonOptions.Force("clips already in --output");
        var command = new Command("generate", "Write generated labelled clips (squares moving right, left, down, up, growing or shrinking) as .npy files or PNG frame folders, one sub-folder per class") { output, perClass, format, seed, noise, force };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--output");
            var rule = new RunFolderRule("--output", GeneratedClips.Classes, CanResume: false);
            if (rule.Decide(folder, resume: false, parse.GetValue(force)) == RunStart.Restart)
            {
                rule.Clear(folder);
            }

            int written = Execute(folder, parse.GetValue(perClass), parse.GetValue(format) == "png", parse.GetValue(seed), parse.GetValue(noise));
            Console.WriteLine($"Wrote {written} clips to {folder}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes <paramref name="perClass"/> clips of each class under <paramref name="folder"/>.</summary>
    /// <returns>The number of clips written.</returns>
    public static int Execute(string folder, int perClass, bool png, int seed, double noise)
    {
        var counts = new int[GeneratedClips.Classes.Count];
        int written = 0;
        foreach (VideoClip clip in GeneratedClips.Generator(seed, noise).GenerateBalanced(perClass))
        {
            string classFolder = Path.Combine(folder, GeneratedClips.Classes[(int)clip.Label]);
            Directory.CreateDirectory(classFolder);
            string name = string.Create(CultureInfo.InvariantCulture, $"clip_{counts[clip.Label]++:0000}");
            if (png)
            {
                VideoClipWriter.ToPngFolder(clip, Path.Combine(classFolder, name));
            }
            else
            {
                VideoClipWriter.ToNpy(clip, Path.Combine(classFolder, name + ".npy"));
            }

            written++;
        }

        return written;
    }
}
