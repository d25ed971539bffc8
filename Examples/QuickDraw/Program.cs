using System;
using System.CommandLine;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Native;

// quickdraw <command> --help for each command's options.
var root = new RootCommand("QuickDraw sketch classifier built on QuickDrawDsl: a Conv1D+LSTM declared in YAML (Models/SketchClassifier.model.yaml)");
root.Subcommands.Add(RunAllCommand.Create());
root.Subcommands.Add(DownloadCommand.Create());
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
