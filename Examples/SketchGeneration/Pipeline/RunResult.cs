using System.Collections.Generic;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>What a run measured and wrote.</summary>
/// <param name="Options">What was run.</param>
/// <param name="TrainCount">Training drawings.</param>
/// <param name="TestCount">Held-out drawings.</param>
/// <param name="OffsetScale">The offset scale of the training drawings.</param>
/// <param name="History">One record per epoch.</param>
/// <param name="Model">The autoencoder's held-out reconstruction (posterior mean, decoded free-running).</param>
/// <param name="Baselines">The reference methods on the same drawings.</param>
/// <param name="SampleSpread">Mean distance of decodings of random latents from N(0, I) to the mean drawing, as a fraction of a drawing's longer side (0 would mean every sample is the same drawing).</param>
/// <param name="OnnxMaxAbsDiff">Largest |TorchSharp - ONNX Runtime| over the decoder's outputs for the held-out latents and the random ones.</param>
/// <param name="TrainSeconds">Wall time of training (with the per-epoch evaluation).</param>
/// <param name="Files">The files written.</param>
internal sealed record RunResult(
    RunOptions Options,
    int TrainCount,
    int TestCount,
    float OffsetScale,
    IReadOnlyList<EpochRecord> History,
    ReconstructionMetrics Model,
    IReadOnlyList<BaselineResult> Baselines,
    double SampleSpread,
    double OnnxMaxAbsDiff,
    double TrainSeconds,
    IReadOnlyList<string> Files);
