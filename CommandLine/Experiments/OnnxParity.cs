using System;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>export</c>'s check of the file it wrote: ONNX Runtime and TorchSharp on the same test batches, the largest
/// output difference and (a classifier) how often their top-1 classes agree.
/// </summary>
/// <param name="MaxAbsDiff">The largest |TorchSharp − ONNX Runtime| over every output value.</param>
/// <param name="Examples">Examples compared.</param>
/// <param name="SameTop1">Examples whose top-1 class agrees (classifiers; otherwise equal to <paramref name="Examples"/>).</param>
internal sealed record OnnxParity(double MaxAbsDiff, long Examples, long SameTop1)
{
    /// <summary>The largest difference that counts as the same model.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Test batches compared at most: enough to catch an exporter's mistake, bounded on a large test split.</summary>
    public const int MaxBatches = 32;

    /// <summary>Compares the first <see cref="MaxBatches"/> batches of <paramref name="test"/>.</summary>
    /// <param name="module">The trained model, in eval mode.</param>
    /// <param name="onnxPath">The exported file.</param>
    /// <param name="test">The test split, in order.</param>
    /// <param name="classification">Whether to count top-1 agreement.</param>
    /// <returns>The comparison.</returns>
    public static OnnxParity Measure(torch.nn.Module<torch.Tensor, torch.Tensor> module, string onnxPath, IBatchLoader test, bool classification)
    {
        using var predictor = new OnnxPredictor(onnxPath);
        // A model exported with a lengths input gets the batch's lengths on both sides; one without sees the padded batch.
        bool lengths = predictor.Inputs.Count > 1;
        double maxDiff = 0;
        long examples = 0, same = 0;
        foreach (Batch batch in test.GetBatches(null).Take(MaxBatches))
        {
            using var scope = torch.NewDisposeScope();
            using (batch)
            using (torch.no_grad())
            {
                torch.Tensor expected = lengths && batch.Lengths is not null && module is ISequenceModel sequence
                    ? sequence.forward(batch.Inputs, batch.Lengths)
                    : module.call(batch.Inputs);
                torch.Tensor actual = predictor.Predict(batch.Inputs, lengths ? batch.Lengths : null);
                maxDiff = Math.Max(maxDiff, (expected - actual).abs().max().item<float>());
                same += classification ? expected.argmax(1).eq(actual.argmax(1)).sum().item<long>() : batch.Count;
                examples += batch.Count;
            }
        }

        return new OnnxParity(maxDiff, examples, same);
    }

    /// <summary>The line <c>export</c> prints.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="what">What one example is called ("drawings").</param>
    /// <param name="classification">Whether top-1 agreement was counted.</param>
    /// <returns>The line.</returns>
    public string Describe(string model, string what, bool classification) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}: ONNX Runtime matches TorchSharp on {Examples} test {what}: max |difference| {MaxAbsDiff:E2}{(classification ? $", top-1 agrees on {SameTop1}/{Examples}" : string.Empty)}");

    /// <summary>Whether the file is the same model (no difference above <see cref="Tolerance"/>).</summary>
    public bool Holds => MaxAbsDiff <= Tolerance;
}
