using System.CommandLine;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>--model</c>: which of the project's two models a run trains, by its spec's name, as the generated command line of
/// <c>&lt;QdGenerateCommandLine&gt;</c> names them; each model reads its own data (strokes or bitmaps).
/// </summary>
internal static class ModelOption
{
    /// <summary>The stroke model (Models/SketchClassifier.model.yaml).</summary>
    public const string Strokes = nameof(SketchClassifier);

    /// <summary>The bitmap model (Models/BitmapClassifier.model.yaml).</summary>
    public const string Bitmap = nameof(BitmapClassifier);

    /// <summary>Creates the option; the default is the stroke model.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Create()
    {
        var option = new Option<string>("--model")
        {
            Description = $"{Strokes} (strokes from <category>.ndjson: Conv1D + bidirectional GRU) or {Bitmap} (28x28 bitmaps from <category>.npy: 2D CNN)",
            DefaultValueFactory = _ => Strokes,
        };
        option.AcceptOnlyFromAmong(Strokes, Bitmap);
        return option;
    }

    /// <summary>The data a model reads.</summary>
    /// <param name="model">The model's name.</param>
    /// <returns>Strokes or bitmaps.</returns>
    public static DataFormat Format(string model) => model == Bitmap ? DataFormat.Bitmap : DataFormat.Strokes;

    /// <summary>The model that reads a format.</summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The model's name.</returns>
    public static string Name(DataFormat format) => format == DataFormat.Bitmap ? Bitmap : Strokes;
}
