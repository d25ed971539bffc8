using System.Collections.Generic;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>What a run was trained on, saved as run.json beside its weights.</summary>
/// <param name="Format">Strokes or bitmaps.</param>
/// <param name="Data">The data folder, or the prepared cache when <paramref name="Cache"/> is set.</param>
/// <param name="Categories">The class names, in label order.</param>
/// <param name="TrainPerClass">Training drawings per class from the start of each file, validation included (0 for a cache: its splits are by key_id hash).</param>
/// <param name="TestPerClass">Test drawings per class after the training ones (0 for a cache).</param>
/// <param name="Seed">The random seed.</param>
/// <param name="OffsetScale">The training set's stroke-offset spread (strokes only); inputs are divided by it at inference too.</param>
/// <param name="Cache">Set when the run streams a prepared cache (<c>train --cache</c>): which manifest it was trained on.</param>
/// <param name="ValidationFraction">
/// The share of each class's training drawings held out for validation (<see cref="InMemorySplit"/>). Null for a cache
/// (it has its own validation split) and in a run.json written before the in-memory validation split existed: such a
/// run keeps validating on its test split when resumed, as it was started.
/// </param>
internal sealed record RunSettings(DataFormat Format, string Data, IReadOnlyList<string> Categories, int TrainPerClass, int TestPerClass, int Seed, float OffsetScale = 1f, RunCache? Cache = null, double? ValidationFraction = null);
