using System;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>quickdraw_cache</c>: a drawing cache prepared from QuickDraw files (<see cref="CacheData"/>), classified as
/// stroke-3 sequences like the files themselves; its splits are the ones it was prepared with (<c>data.splits</c> and
/// <c>max_per_class</c> are the prepare step's). <c>predict --input</c> takes drawings as the QuickDraw formats do.
/// </summary>
internal sealed class CacheFormat : ExperimentFormat
{
    private readonly DrawingFormat drawings = new(DataFormat.QuickDrawNdjson);

    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Classification;

    /// <inheritdoc />
    public override string Examples => "drawings";

    /// <inheritdoc />
    public override string DataDescription => $"a cache folder prepared from QuickDraw files (it holds {DrawingCacheFormat.ManifestFileName})";

    /// <inheritdoc />
    public override string InputDescription => drawings.InputDescription;

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(info);
        if (data.MaxPerClass is not null)
        {
            throw new UserError($"data.max_per_class {data.MaxPerClass} does not apply to a prepared cache (it holds what prepare kept); cap the classes when preparing it, or leave --max-per-class out");
        }

        using DrawingCache cache = Open(path);
        CheckClasses(cache, info);
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data) => DrawingData.CheckModel(info);

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        DrawingCache cache = Open(path);
        try
        {
            CheckClasses(cache, info);
            if (trained is not null && !trained.Labels.SequenceEqual(cache.Classes, StringComparer.Ordinal))
            {
                throw new UserError($"--data {path} now holds the classes {string.Join(", ", cache.Classes)} but the run was trained on {string.Join(", ", trained.Labels)}; give the run's cache, or train again");
            }

            return CacheData.Create(cache, data, info, trained, onBadRecord);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override int Predict(PredictRequest request) => drawings.Predict(request);

    private static DrawingCache Open(string path)
    {
        try
        {
            return DrawingCache.Open(path);
        }
        catch (DrawingCacheException ex)
        {
            throw new UserError($"--data {ex.Message}", ex);
        }
    }

    private static void CheckClasses(DrawingCache cache, ModelInfo info)
    {
        string spec = Path.GetFileName(info.SourceFile);
        if (info.Labels.Count > 0 && !info.Labels.SequenceEqual(cache.Classes, StringComparer.Ordinal))
        {
            throw new UserError($"--data {cache.Folder} holds the classes {string.Join(", ", cache.Classes)}, but 'labels:' in {spec} lists {string.Join(", ", info.Labels)}; list the cache's classes in that order, or prepare a cache of the spec's classes");
        }

        string classes = info.OutputShape.Count > 0 ? info.OutputShape[^1] : "?";
        if (classes != cache.Classes.Count.ToString(CultureInfo.InvariantCulture))
        {
            throw new UserError($"model {info.Name} has {classes} output classes but the cache {cache.Folder} holds {cache.Classes.Count}; prepare a cache of {classes} classes, or change the last layer's units in {spec}");
        }
    }
}
