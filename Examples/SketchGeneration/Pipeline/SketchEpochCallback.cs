using System;
using System.Collections.Generic;
using System.Diagnostics;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// After every epoch, scores the held-out drawings as generation decodes them (<see cref="SketchTraining.Evaluate"/>)
/// and records the epoch: the trainer's <c>train_reconstruction</c> and <c>train_kl</c> beside the held-out metrics.
/// The held-out drawings are not a validation set: nothing is selected or stopped on them.
/// </summary>
internal sealed class SketchEpochCallback : ITrainingCallback
{
    private readonly SketchAutoencoder model;
    private readonly SketchSet heldOut;
    private readonly float scale;
    private readonly double penWeight;
    private readonly Action<EpochRecord>? onEpoch;
    private readonly List<EpochRecord> history = [];
    private Stopwatch clock = new();

    /// <summary>Creates the callback.</summary>
    /// <param name="model">The autoencoder being trained.</param>
    /// <param name="heldOut">The held-out drawings.</param>
    /// <param name="scale">The offset scale.</param>
    /// <param name="penWeight">The pen term's weight in the loss.</param>
    /// <param name="onEpoch">Called with each epoch's record (progress output).</param>
    public SketchEpochCallback(SketchAutoencoder model, SketchSet heldOut, float scale, double penWeight, Action<EpochRecord>? onEpoch)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.heldOut = heldOut ?? throw new ArgumentNullException(nameof(heldOut));
        this.scale = scale;
        this.penWeight = penWeight;
        this.onEpoch = onEpoch;
    }

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<EpochRecord> History => history;

    /// <inheritdoc />
    public void OnEpochBegin(TrainingContext context, int epoch) => clock = Stopwatch.StartNew();

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        (double? teacherForced, ReconstructionMetrics test) = SketchTraining.Evaluate(model, heldOut, scale, penWeight);
        var record = new EpochRecord(
            epoch.Epoch + 1,
            epoch.Get(MetricNames.For(MetricNames.TrainSplit, "reconstruction")),
            epoch.Get(MetricNames.For(MetricNames.TrainSplit, "kl")),
            teacherForced,
            test,
            clock.Elapsed.TotalSeconds);
        history.Add(record);
        onEpoch?.Invoke(record);
    }
}
