using System;
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
    private readonly IReadOnlyList<string> labels;
    private readonly Lazy<Preprocessing> preprocessing;

    // The offset scale is measured on first use, after the data checks: a class without a usable drawing is their
    // message, naming the class, rather than an empty training split's.
    public SketchData(SplitDataset<Drawing> drawings, IReadOnlyList<string> labels, Preprocessing? trained)
    {
        this.drawings = drawings;
        this.labels = labels;
        TrainSamples = SketchBatches.Samples(drawings.Train);
        preprocessing = new Lazy<Preprocessing>(() => trained ?? Fit());
    }

    /// <summary>The training split's samples, before augmentation.</summary>
    public List<SketchSample> TrainSamples { get; }

    public Preprocessing Preprocessing => preprocessing.Value;

    public DataReadReport Report => drawings.Report;

    public IReadOnlyDictionary<string, long> UsableByClass =>
        labels.Select((l, c) => (l, Count: (long)drawings.Train.Labels.Count(x => x == c))).ToDictionary(p => p.l, p => p.Count);

    public IReadOnlyDictionary<string, long> HeldOutByClass =>
        labels.Select((l, c) => (l, Count: (long)drawings.Validation.Labels.Concat(drawings.Test.Labels).Count(x => x == c))).ToDictionary(p => p.l, p => p.Count);

    public int TrainCount => drawings.Train.Count;

    public int ValidationCount => drawings.Validation.Count;

    public int TestCount => drawings.Test.Count;

    // The loader shuffles and augments the training split whatever data.shuffle says: the recipe the README measured.
    public IBatchLoader Train(int batchSize, bool shuffle) => SketchBatches.Loader(TrainSamples, OffsetScale, batchSize, train: true);

    public IBatchLoader Validation(int batchSize) => SketchBatches.Loader(SketchBatches.Samples(drawings.Validation), OffsetScale, batchSize, train: false);

    public IBatchLoader Test(int batchSize) => SketchBatches.Loader(SketchBatches.Samples(drawings.Test), OffsetScale, batchSize, train: false);

    // A new run: every class needs a drawing to train on, one to validate on (which picks the epoch) and one to test
    // on (evaluate's per-class accuracy); then the offset scale of the training split.
    private Preprocessing Fit()
    {
        if (TrainSamples.Count == 0)
        {
            throw new UserError("the training split is empty; give more drawings, or lower data.splits.validation and data.splits.test");
        }

        foreach ((LabeledItems<Drawing> split, string purpose) in new[] { (drawings.Test, "test"), (drawings.Validation, "validate") })
        {
            int missing = Enumerable.Range(0, labels.Count).FirstOrDefault(c => !split.Labels.Contains(c), -1);
            if (missing >= 0)
            {
                long usable = UsableByClass[labels[missing]] + HeldOutByClass[labels[missing]];
                string fix = usable >= 2 ? $"lower --train-per-class below {usable} (each class's first drawings train), or give it more drawings" : "give it more distinct drawings, or leave it out with --categories";
                throw new UserError($"'{labels[missing]}' has only {usable} usable drawing{(usable == 1 ? string.Empty : "s")}, so none is left to {purpose} on; {fix}");
            }
        }

        return new Preprocessing(labels, SketchFeatures.OffsetScale(TrainSamples), SketchFeatures.MaxPoints) { Format = "quickdraw_ndjson" };
    }

    private float OffsetScale => (float)Preprocessing.OffsetScale;

    public IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module) => new Dictionary<string, double>();

    public void Dispose()
    {
    }
}
