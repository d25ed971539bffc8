using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// The options this example adds to the generated <c>train</c>: which categories of the data folder to train on and how
/// many drawings of each file go to training, validation and test (<see cref="SketchSplit"/>), or a prepared cache to
/// stream instead of the folder (<c>--cache</c>). <see cref="SketchFormat"/>
/// reads them; <c>train</c> records them in the run's <c>train-settings.json</c>, so <c>--resume</c> refuses other
/// values and <c>evaluate</c> and <c>export</c> test on the same drawings.
/// </summary>
internal sealed class SketchOptions
{
    private readonly Option<string?> categories = new Option<string?>("--categories") { Description = "Comma-separated categories, at least 2 (default: every .ndjson file in the data folder)" }.CommaSeparated("apple,banana");
    private readonly Option<int?> trainPerClass = new Option<int?>(SketchSplit.TrainOption) { Description = "Drawings per class for training and validation, from the start of each file (default: data.max_per_class less its data.splits.test share; position splits only)" }.AtLeast(1);
    private readonly Option<int?> testPerClass = new Option<int?>(SketchSplit.TestOption) { Description = "Drawings per class for testing, right after the training ones (default: the data.splits.test share of data.max_per_class); only evaluate and export read them" }.AtLeast(1);
    private readonly Option<string?> cache = new Option<string?>(SketchFormat.CacheOption) { Description = "Stream a cache made by quickdraw prepare instead of reading --data into memory: trains on its train split, validates on its validation split; evaluate and export use its test split" };
    private readonly Option<double?> validationFraction = new(SketchSplit.ValidationOption) { Description = "Share of each class's training drawings (its last ones) held out for validation, which picks the best epoch (default: data.splits.validation as a share of the training drawings; at least 1 a class)" };

    /// <summary>Adds the options to the generated <c>train</c> of <paramref name="root"/>.</summary>
    /// <param name="root">A root command built by the generated command line.</param>
    /// <returns>The options, to read with <see cref="Format"/>.</returns>
    public static SketchOptions AddTo(RootCommand root)
    {
        var options = new SketchOptions();
        Command train = root.Subcommands.Single(c => c.Name == "train");
        train.Options.Add(options.categories);
        train.Options.Add(options.trainPerClass);
        train.Options.Add(options.testPerClass);
        train.Options.Add(options.validationFraction);
        train.Options.Add(options.cache);

        // Only SketchClassifier reads them: given for another model, they are refused rather than ignored.
        if (train.Options.FirstOrDefault(o => o.Name == "--model") is Option<string?> model)
        {
            train.Validators.Add(result =>
            {
                string? chosen = result.GetValue(model);
                if (chosen is not null && chosen != nameof(SketchClassifier)
                    && new Option[] { options.categories, options.trainPerClass, options.testPerClass, options.validationFraction, options.cache }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } given)
                {
                    result.AddError($"{given.Name} applies to --model {nameof(SketchClassifier)}; --model {chosen} reads the split from its spec's data: section, so leave {given.Name} out");
                }
            });
        }

        return options;
    }

    /// <summary>The stroke format with the categories and split this command line asks for (none outside <c>train</c>).</summary>
    /// <param name="parse">The command's parse result.</param>
    /// <returns>The format.</returns>
    public SketchFormat Format(ParseResult parse) => new(
        Given(parse, categories),
        Given(parse, trainPerClass),
        Given(parse, testPerClass),
        Given(parse, validationFraction),
        maxPerClassGiven: Given(parse, "--max-per-class"),
        Given(parse, cache),
        dataGiven: Given(parse, "--data"));

    /// <summary>Whether an option of the generated command line, found by name (the library keeps them to itself), was given.</summary>
    /// <param name="parse">The command's parse result.</param>
    /// <param name="name">The option's name, with its dashes.</param>
    /// <returns>True when the command line gives it.</returns>
    public static bool Given(ParseResult parse, string name) =>
        parse.CommandResult.Children.OfType<OptionResult>().Any(o => o.Option.Name == name && !o.Implicit);

    // An option of train is not part of evaluate's parse: not given there.
    private static T? Given<T>(ParseResult parse, Option<T> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : default;
}
