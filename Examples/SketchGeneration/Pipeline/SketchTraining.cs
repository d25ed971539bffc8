using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// Training through the runtime's <c>Trainer</c>: the VAE objective is a custom loss (<see cref="SketchVaeLoss"/>) over
/// the autoencoder's packed output, its two terms are custom metrics, the augmentation is a batch loader that draws new
/// transforms every epoch (<see cref="SketchBatchLoader"/>), and a callback scores the held-out drawings after every
/// epoch, decoded as generation decodes them (<see cref="SketchEpochCallback"/>). AdamW with cosine decay to 1 % of the
/// peak rate, gradient norm clipped at 1.
/// </summary>
internal static class SketchTraining
{
    /// <summary>AdamW's decoupled weight decay.</summary>
    public const double WeightDecay = 1e-4;

    /// <summary>Trains <paramref name="model"/> on the corpus's training drawings, scoring the held-out ones after every epoch.</summary>
    /// <param name="model">The autoencoder (<see cref="SketchAutoencoder.Variational"/> when <see cref="TrainingSettings.KlWeight"/> is above 0).</param>
    /// <param name="corpus">The data.</param>
    /// <param name="settings">Hyperparameters.</param>
    /// <param name="onEpoch">Called after each epoch (progress output).</param>
    /// <returns>One record per epoch; the model keeps its last epoch's weights and is left in evaluation mode.</returns>
    public static IReadOnlyList<EpochRecord> Fit(SketchAutoencoder model, SketchCorpus corpus, TrainingSettings settings, Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1, nameof(settings));
        if (model.Variational != settings.KlWeight > 0)
        {
            throw new ArgumentException($"the model {(model.Variational ? "samples" : "does not sample")} its latent but the KL weight is {settings.KlWeight}: create it with variational: {settings.KlWeight > 0}.", nameof(model));
        }

        var loss = new SketchVaeLoss(settings.PenWeight, settings.KlWeight, settings.FreeBits);
        var epochs = new SketchEpochCallback(model, corpus.Test, corpus.Scale, settings.PenWeight, onEpoch);
        var options = new TrainerOptions
        {
            Epochs = settings.Epochs,
            Optimizer = OptimizerKind.AdamW,
            LearningRate = settings.LearningRate,
            WeightDecay = WeightDecay,
            Schedule = new CosineLrSchedule(settings.Epochs, 0.01 * settings.LearningRate),
            ClipGradientNorm = 1.0,
            CustomLoss = loss,
            Metrics = loss.Metrics(),
            Callbacks = [epochs],
            // The last epoch's weights are the model; the held-out drawings pick nothing.
            RestoreBestModel = false,
            Seed = settings.Seed,
            TensorBoard = false,
            Progress = ProgressMode.None,
        };
        var train = new SketchBatchLoader(corpus.Train.Sequences, corpus.Scale, settings.BatchSize, settings.AugmentScale, settings.AugmentRotation, settings.Seed + 1);
        using (var trainer = new Trainer(model, options))
        {
            trainer.Fit(train);
        }

        model.eval();
        return epochs.History;
    }

    /// <summary>Scores the reconstruction of <paramref name="set"/> from the posterior mean.</summary>
    /// <param name="model">The autoencoder.</param>
    /// <param name="set">The drawings.</param>
    /// <param name="scale">The offset scale.</param>
    /// <param name="penWeight">The pen term's weight in the loss.</param>
    /// <returns>The teacher-forced loss (teacher-forced decoders only) and the metrics of the free-running decoding.</returns>
    public static (double? TeacherForcedLoss, ReconstructionMetrics Metrics) Evaluate(SketchAutoencoder model, SketchSet set, float scale, double penWeight)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        Tensor mean = model.Encode(set.Features).Mean;
        double? teacherForced = model.TeacherForced
            ? SketchLoss.Reconstruction(model.DecodeForTraining(mean, set.PointRows), set.PointRows, penWeight).item<float>()
            : null;
        return (teacherForced, ReconstructionMetrics.Of(model.Decode(mean), set.PointRows, scale, penWeight));
    }
}
