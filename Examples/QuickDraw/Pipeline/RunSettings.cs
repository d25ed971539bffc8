using System.Collections.Generic;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>What a run was trained on, saved as run.json beside its weights.</summary>
internal sealed record RunSettings(DataFormat Format, string Data, IReadOnlyList<string> Categories, int TrainPerClass, int TestPerClass, int Seed);
