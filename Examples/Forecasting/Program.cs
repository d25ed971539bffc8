using System;
using System.CommandLine;
using QuickDrawDsl.Examples.Forecasting.Commands;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Runtime.Native;

// forecast --help for the options; with none it runs everything on the shared sample data.
RootCommand root = ForecastCommand.Create();
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
