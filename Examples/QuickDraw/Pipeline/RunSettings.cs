using System.Collections.Generic;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>What a run was trained on, saved as run.json beside its weights.</summary>
/// <param name="OffsetScale">The training set's stroke-offset spread (strokes only); inputs are divided by it at inference too.</param>
internal sealed record RunSettings(DataFormat Format, string Data, IReadOnlyList<string> Categories, int TrainPerClass, int TestPerClass, int Seed, float OffsetScale = 1f);
