using System.CommandLine;
using System.IO;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// Run folders written by the example's earlier, hand-written <c>train</c> (a <c>run.json</c> and no
/// <c>train-settings.json</c>): their checkpoint has the same name but another model layout and split, so the generated
/// <c>train --resume</c> refuses them in one line instead of continuing a run it cannot reproduce.
/// </summary>
internal static class LegacyRuns
{
    /// <summary>The settings file of the earlier train.</summary>
    public const string SettingsFile = "run.json";

    /// <summary>Adds the refusal to the generated <c>train</c> of <paramref name="root"/>.</summary>
    /// <param name="root">A root command built by the generated command line.</param>
    /// <param name="defaultFolder">The run folder when <c>--output</c> is not given.</param>
    public static void RefuseResumeIn(RootCommand root, string defaultFolder)
    {
        Command train = root.Subcommands.Single(c => c.Name == "train");
        Option<bool> resume = train.Options.OfType<Option<bool>>().Single(o => o.Name == "--resume");
        Option<string?> output = train.Options.OfType<Option<string?>>().Single(o => o.Name == "--output");
        train.Validators.Add(result =>
        {
            string folder = result.GetValue(output) ?? defaultFolder;
            if (result.GetValue(resume) && IsLegacy(folder))
            {
                result.AddError($"--resume: {folder} holds a run of the earlier quickdraw train ({SettingsFile}, no {RunFiles.TrainSettings}), which this train cannot continue; pass --force to start over in it, or train into another --output");
            }
        });
    }

    /// <summary>Whether <paramref name="folder"/> holds a run of the earlier train and none of this one.</summary>
    /// <param name="folder">A run folder.</param>
    /// <returns>True for an earlier run.</returns>
    public static bool IsLegacy(string folder) =>
        File.Exists(Path.Combine(folder, SettingsFile)) && !File.Exists(Path.Combine(folder, RunFiles.TrainSettings));
}
