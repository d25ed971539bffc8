using System;
using System.CommandLine;
using QuickDrawDsl.Examples.Forecasting.Book;
using QuickDrawDsl.Examples.Forecasting.Commands;
using QuickDrawDsl.Examples.Forecasting.Pipeline;

// forecast --help for the options; with none it runs everything on the shared sample data. 'forecast book' runs
// Hands-On ML chapter 15's table on the chapter's own protocol.
RootCommand root = ForecastCommand.Create();
root.Subcommands.Add(BookCommand.Create());
return ExampleCommandLine.Invoke(root, args);
