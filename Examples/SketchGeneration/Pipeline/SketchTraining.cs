using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>
/// The training loop. The runtime's <c>Trainer</c> minimises one of its built-in losses; a VAE also needs the KL term
/// of the encoder's posterior, so the example runs its own loop: AdamW, cosine decay, gradient clipping, one dispose
/// scope per step. Held-out drawings are scored after every epoch, decoded as generation decodes them.
/// </summary>
internal static class SketchTraining
{
    /// <summary>Trains <paramref name="model"/> on the corpus's training drawings, scoring the held-out ones after every epoch.</summary>
    /// <param name="model">The autoencoder.</param>
    /// <param name="corpus">The data.</param>
    /// <param name="settings">Hyperparameters.</param>
    /// <param name="onEpoch">Called after each epoch (progress output).</param>
    /// <returns>One record per epoch; the model is left in evaluation mode.</returns>
    public static IReadOnlyList<EpochRecord> Fit(SketchAutoencoder model, SketchCorpus corpus, TrainingSettings settings, Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1, nameof(settings));
        var shuffle = new Random(settings.Seed);
        var augmentation = new Random(settings.Seed + 1);
        using var optimizer = optim.AdamW(model.parameters(), settings.LearningRate, weight_decay: 1e-4);
        var history = new List<EpochRecord>();
        int count = corpus.Train.Count;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double lr = settings.LearningRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / settings.Epochs))));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            model.train();
            // A fresh scale and rotation per drawing and epoch (Sketch-RNN augments the same way): with 800 drawings the
            // decoder overfits without it (the README has the measured difference).
            using SketchSet train = settings.AugmentScale > 0 || settings.AugmentRotation > 0
                ? new SketchSet(corpus.Train.Sequences.Select(s => StrokeAugmentation.Augment(s, augmentation, settings.AugmentScale, settings.AugmentRotation)).ToArray(), corpus.Scale)
                : corpus.Train.Clone();
            int[] order = Enumerable.Range(0, count).ToArray();
            shuffle.Shuffle(order);
            double lossSum = 0;
            double klSum = 0;
            int batches = 0;
            for (int start = 0; start < count; start += settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                using Tensor index = torch.tensor(order.Skip(start).Take(settings.BatchSize).Select(i => (long)i).ToArray());
                Tensor features = train.Features.index_select(0, index);
                Tensor target = train.PointRows.index_select(0, index);
                (Tensor mean, Tensor logVariance) = model.Encode(features);
                Tensor latent = settings.KlWeight > 0 ? mean + (logVariance.mul(0.5).exp() * randn_like(mean)) : mean;
                Tensor reconstruction = SketchLoss.Reconstruction(model.DecodeForTraining(latent, target), target, settings.PenWeight);
                Tensor kl = SketchLoss.Kl(mean, logVariance);
                Tensor loss = settings.KlWeight > 0 ? reconstruction + (kl.clamp_min(settings.FreeBits) * settings.KlWeight) : reconstruction;
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                lossSum += reconstruction.item<float>();
                klSum += kl.item<float>();
                batches++;
            }

            (double? teacherForced, ReconstructionMetrics test) = Evaluate(model, corpus.Test, corpus.Scale, settings.PenWeight);
            var record = new EpochRecord(epoch, lossSum / batches, klSum / batches, teacherForced, test, clock.Elapsed.TotalSeconds);
            history.Add(record);
            onEpoch?.Invoke(record);
        }

        model.eval();
        return history;
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
        double? teacherForced = model.Kind == DecoderKind.TeacherForced
            ? SketchLoss.Reconstruction(model.DecodeForTraining(mean, set.PointRows), set.PointRows, penWeight).item<float>()
            : null;
        return (teacherForced, ReconstructionMetrics.Of(model.Decode(mean), set.PointRows, scale, penWeight));
    }
}
