using System;
using System.CommandLine;
using System.Globalization;
using QuickDrawDsl.Examples.Video.Commands;
using QuickDrawDsl.Examples.Video.Pipeline;
using QuickDrawDsl.Runtime.Native;

// video [options] runs everything on generated clips; video <command> --help for the others.
// Numbers print the same everywhere (results.md is pasted into the README).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var root = new RootCommand("Video classification with a 3D CNN declared in YAML (Models/MotionClassifier.model.yaml). Without a command: generate clips, train, evaluate, export to ONNX (the same as 'all').");
RunAllCommand.Configure(root);
root.Subcommands.Add(RunAllCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(PredictCommand.Create());

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserError ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (TorchNativeLoadException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
