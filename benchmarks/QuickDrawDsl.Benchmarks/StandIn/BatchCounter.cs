using System;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Benchmarks.StandIn;

/// <summary>Calls an action after every training batch (the memory benchmark samples RssAnon there).</summary>
/// <param name="action">The action, or null.</param>
internal sealed class BatchCounter(Action? action) : ITrainingCallback
{
    public void OnBatchEnd(TrainingContext context, BatchResult batch) => action?.Invoke();
}
