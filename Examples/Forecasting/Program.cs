using System;
using System.CommandLine;
using QuickDrawDsl.Examples.Forecasting.Commands;
using QuickDrawDsl.Examples.Forecasting.Pipeline;

// forecast --help for the options; with none it runs everything on the shared sample data.
RootCommand root = ForecastCommand.Create();
return ExampleCommandLine.Invoke(root, args);
