using System;
using System.CommandLine;
using QuickDrawDsl.Examples.Video.Commands;
using QuickDrawDsl.Examples.Video.Pipeline;

// video [options] runs everything on generated clips; video <command> --help for the others.
var root = new RootCommand("Video classification with a 3D CNN declared in YAML (Models/MotionClassifier.model.yaml). Without a command: generate clips, train, evaluate, export to ONNX (the same as 'all').");
RunAllCommand.Configure(root);
root.Subcommands.Add(RunAllCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(PredictCommand.Create());

return ExampleCommandLine.Invoke(root, args);
