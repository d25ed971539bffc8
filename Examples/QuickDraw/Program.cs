using System.CommandLine;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Serve;

// quickdraw <command> --help for each command's options.
var root = new RootCommand("QuickDraw sketch classifiers built on QuickDrawDsl: a Conv1D + bidirectional GRU over strokes (Models/SketchClassifier.model.yaml) and a CNN over bitmaps (Models/BitmapClassifier.model.yaml), each trained as its spec's training: and data: sections say");
root.Subcommands.Add(RunAllCommand.Create());
root.Subcommands.Add(DownloadCommand.Create());
root.Subcommands.Add(PrepareCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(StreamCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(ServeCommand.Create());

return ExampleCommandLine.Invoke(root, args);
