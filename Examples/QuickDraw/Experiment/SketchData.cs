using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using TorchSharp;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// The drawings of one run as <see cref="SketchFeatures"/> samples: the training split bucketed by length and freshly
/// augmented every epoch (<see cref="SketchBatches"/>), validation and test in order, offsets divided by the training
/// split's spread (kept in the run's <c>preprocessing.json</c>).
/// </summary>
internal sealed class SketchData : IExperimentData
{
    private readonly SplitDataset<Drawing> drawings;
    private readonly float offsetScale;

    public SketchData(SplitDataset<Drawing> drawings, IReadOnlyList<string> labels, Preprocessing? trained)
    {
        this.drawings = drawings;
        TrainSamples = SketchBatches.Samples(drawings.Train);
        if (trained is null && TrainSamples.Count == 0)
        {
            throw new UserError("the training split is empty; give more drawings, or lower data.splits.validation and data.splits.test");
        }

        offsetScale = trained is null ? SketchFeatures.OffsetScale(TrainSamples) : (float)trained.OffsetScale;
        Preprocessing = trained ?? new Preprocessing(labels, offsetScale, SketchFeatures.MaxPoints) { Format = "quickdraw_ndjson" };
    }

    /// <summary>The training split's samples, before augmentation.</summary>
    public List<SketchSample> TrainSamples { get; }

    public Preprocessing Preprocessing { get; }

    public DataReadReport Report => drawings.Report;

    public IReadOnlyDictionary<string, long> UsableByClass =>
        Preprocessing.Labels.Select((l, c) => (l, Count: (long)drawings.Train.Labels.Count(x => x == c))).ToDictionary(p => p.l, p => p.Count);

    public IReadOnlyDictionary<string, long> HeldOutByClass =>
        Preprocessing.Labels.Select((l, c) => (l, Count: (long)drawings.Validation.Labels.Concat(drawings.Test.Labels).Count(x => x == c))).ToDictionary(p => p.l, p => p.Count);

    public int TrainCount => drawings.Train.Count;

    public int ValidationCount => drawings.Validation.Count;

    public int TestCount => drawings.Test.Count;

    // The loader shuffles and augments the training split whatever data.shuffle says: the recipe the README measured.
    public IBatchLoader Train(int batchSize, bool shuffle) => SketchBatches.Loader(TrainSamples, offsetScale, batchSize, train: true);

    public IBatchLoader Validation(int batchSize) => SketchBatches.Loader(SketchBatches.Samples(drawings.Validation), offsetScale, batchSize, train: false);

    public IBatchLoader Test(int batchSize) => SketchBatches.Loader(SketchBatches.Samples(drawings.Test), offsetScale, batchSize, train: false);

    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    public void Dispose()
    {
    }
}
