using System.CommandLine;
using QuickDrawDsl.Examples.Forecasting.Book;
using QuickDrawDsl.Examples.Forecasting.Commands;

namespace QuickDrawDsl.Examples.Forecasting;

/// <summary>
/// The example's own commands beside the generated <c>train | evaluate | export | predict | summary</c> (which train one
/// model of <c>Models/*.model.yaml</c> on its <c>data:</c> section): <c>prepare</c> writes the CTA series those sections
/// read, <c>compare</c> trains every forecaster on the fixed date split and writes the results table and plots,
/// <c>book</c> reproduces Hands-On ML chapter 15's table on the chapter's protocol.
/// </summary>
internal static partial class QuickDrawDslProgram
{
    static partial void Configure(RootCommand root)
    {
        root.Description = "7-day CTA ridership forecasts with RNNs and convolutions declared in YAML (Models/*.model.yaml): "
            + "'prepare' writes the daily series, train | evaluate | export | predict run one model on it, "
            + "'compare' trains them all against naive seasonal baselines, 'book' reproduces Hands-On ML ch. 15's table";
        root.Subcommands.Add(PrepareCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(BookCommand.Create());
    }
}
