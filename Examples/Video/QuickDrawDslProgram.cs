using System.CommandLine;
using QuickDrawDsl.Examples.Video.Commands;

namespace QuickDrawDsl.Examples.Video;

/// <summary>
/// <c>video</c>: the generated <c>train | evaluate | export | predict | summary</c> over MotionClassifier's
/// <c>training:</c> and <c>data:</c> sections, plus what only this example does: <c>generate</c> (synthetic clips as a
/// <c>video_clips</c> folder) and <c>all</c> (generate, train, evaluate, export, and the report), also run by
/// <c>video</c> without a command.
/// </summary>
internal static partial class QuickDrawDslProgram
{
    static partial void Configure(RootCommand root)
    {
        root.Description = "Video classification with a 3D CNN declared in YAML (Models/MotionClassifier.model.yaml). Without a command: generate clips, train, evaluate, export to ONNX and write results.md (the same as 'all').";
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(RunAllCommand.Create(root));
        RunAllCommand.Configure(root, root);
    }
}
