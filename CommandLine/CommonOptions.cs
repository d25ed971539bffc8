using System.CommandLine;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.CommandLine;

/// <summary>Options that mean the same in every program.</summary>
public static class CommonOptions
{
    /// <summary><c>--max-bad-fraction</c>: the share of bad records tolerated before a run refuses its data.</summary>
    /// <returns>The option.</returns>
    public static Option<double> MaxBadFraction() =>
        new Option<double>(DataChecks.MaxBadFractionOption)
        {
            Description = "Largest share of bad records (0..1) tolerated in the data; more is an error (bad records are always reported)",
            DefaultValueFactory = _ => DataQualityPolicy.DefaultMaxBadFraction,
        }.Between(0, 1);

    /// <summary><c>--resume</c>: continue the run in the run folder.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> Resume() =>
        new("--resume") { Description = "Continue the run in the run folder from its checkpoint (a folder without a run starts a new one)" };

    /// <summary><c>--force</c>: delete the run folder's run and start over.</summary>
    /// <param name="what">What is replaced, for the description.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Force(string what = "the run in the run folder") =>
        new("--force") { Description = $"Delete {what} and start over (without it, an existing run is an error)" };

    /// <summary><c>--threads</c>: libtorch threads.</summary>
    /// <returns>The option.</returns>
    public static Option<int> Threads() =>
        new Option<int>("--threads") { Description = "libtorch threads (1 is fastest when other work shares the cores)", DefaultValueFactory = _ => 1 }.AtLeast(1);
}
