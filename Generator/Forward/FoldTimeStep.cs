namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// Folds time into the batch ([B, T, ...] to [B*T, ...]) before a run of time_distributed layers; <paramref name="Index"/>
/// numbers the fold in its method, <paramref name="Time"/> names the time axis in comments.
/// </summary>
internal sealed record FoldTimeStep(int Index, string Time, string Comment) : ForwardStep;
