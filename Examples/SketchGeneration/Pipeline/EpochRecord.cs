namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>One training epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean reconstruction loss over the epoch's batches (teacher-forced for <see cref="DecoderKind.TeacherForced"/> and <see cref="DecoderKind.Conditioned"/>).</param>
/// <param name="TrainKl">Mean KL (nats per latent dimension) over the epoch's batches.</param>
/// <param name="TestTeacherForcedLoss">Held-out loss with teacher forcing (posterior mean), for the teacher-forced decoders only.</param>
/// <param name="Test">Held-out reconstruction from the posterior mean, decoded as generation does.</param>
/// <param name="Seconds">Wall time of the epoch, evaluation included.</param>
internal sealed record EpochRecord(int Epoch, double TrainLoss, double TrainKl, double? TestTeacherForcedLoss, ReconstructionMetrics Test, double Seconds);
