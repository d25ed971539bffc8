using System.CommandLine;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Serve;

namespace QuickDrawDsl.Examples.QuickDraw;

/// <summary>
/// <c>quickdraw</c>: the generated <c>train | evaluate | export | summary</c> over SketchClassifier and BitmapClassifier
/// with this example's hooks (<see cref="QuickDrawExperiment"/>), plus what only this example does: <c>predict</c> with
/// the exported model in ONNX Runtime (standard input, a PNG, CUDA), <c>download</c>, <c>prepare</c> (the full
/// dataset's cache), <c>stream</c> (the cache's pipeline alone), <c>serve</c> (the draw-and-guess page) and <c>all</c>
/// (train, evaluate, export and predict one test drawing).
/// </summary>
internal static partial class QuickDrawDslProgram
{
    static partial void Configure(RootCommand root)
    {
        root.Description = "QuickDraw sketch classifiers built on QuickDrawDsl: a Conv1D + bidirectional GRU over strokes (Models/SketchClassifier.model.yaml, the default) and a CNN over bitmaps (Models/BitmapClassifier.model.yaml, --model BitmapClassifier), each trained as its spec's training: and data: sections say";
        QuickDrawExperiment.Customize(root);

        // The example's predict serves the exported model.onnx exactly as serve does, so the page and the command agree.
        root.Subcommands.Remove(root.Subcommands.Single(c => c.Name == "predict"));
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(RunAllCommand.Create(root));
        root.Subcommands.Add(DownloadCommand.Create());
        root.Subcommands.Add(PrepareCommand.Create());
        root.Subcommands.Add(StreamCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
    }
}
