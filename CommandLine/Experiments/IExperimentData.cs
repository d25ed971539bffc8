using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// The examples of one run, read and split by an <see cref="ExperimentFormat"/>: the three splits as batch loaders,
/// the read report (bad records counted and left out) and the preprocessing that evaluate and predict reuse. Disposing
/// it closes what the loaders read from (a prepared cache's shards).
/// </summary>
public interface IExperimentData : IDisposable
{
    /// <summary>What turns records into the model's input, fitted on the training split (or the trained run's).</summary>
    Preprocessing Preprocessing { get; }

    /// <summary>The readers' report.</summary>
    DataReadReport Report { get; }

    /// <summary>Usable training examples by class (one entry, the series, for a regression run), for <see cref="DataChecks"/>.</summary>
    IReadOnlyDictionary<string, long> UsableByClass { get; }

    /// <summary>
    /// Usable validation and test examples by class, so that a class whose few records a hash split held out entirely
    /// is told from a class with none. Data whose training split is filled first (a positional split) never holds out
    /// every record of a class and keeps this default, which counts none.
    /// </summary>
    IReadOnlyDictionary<string, long> HeldOutByClass => new Dictionary<string, long>();

    /// <summary>Examples in the training split.</summary>
    int TrainCount { get; }

    /// <summary>Examples in the validation split.</summary>
    int ValidationCount { get; }

    /// <summary>Examples in the test split.</summary>
    int TestCount { get; }

    /// <summary>The training split.</summary>
    /// <param name="batchSize">Examples a batch.</param>
    /// <param name="shuffle">Shuffle every epoch (within the split only).</param>
    /// <returns>The loader.</returns>
    IBatchLoader Train(int batchSize, bool shuffle);

    /// <summary>The validation split, in order.</summary>
    /// <param name="batchSize">Examples a batch.</param>
    /// <returns>The loader.</returns>
    IBatchLoader Validation(int batchSize);

    /// <summary>The test split, in order.</summary>
    /// <param name="batchSize">Examples a batch.</param>
    /// <returns>The loader.</returns>
    IBatchLoader Test(int batchSize);

    /// <summary>Metrics of the test split beyond the ones the trainer records (for evaluation.json), keyed <c>test_*</c>.</summary>
    /// <param name="module">The trained model, in eval mode.</param>
    /// <returns>The metrics; empty when the format adds none.</returns>
    IReadOnlyDictionary<string, double> ExtraTestMetrics(torch.nn.Module<torch.Tensor, torch.Tensor> module);
}
