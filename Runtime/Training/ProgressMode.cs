namespace QuickDrawDsl.Runtime.Training;

/// <summary>How a <see cref="Trainer"/> shows progress.</summary>
public enum ProgressMode
{
    /// <summary>Live bar on an interactive terminal; plain lines when output is redirected or <c>CI=true</c>.</summary>
    Auto,

    /// <summary>Live Spectre.Console progress bar with loss, metric, samples/s and ETA.</summary>
    Live,

    /// <summary>Plain log lines: one per epoch plus one every <see cref="TrainerOptions.LogEveryBatches"/> batches.</summary>
    Plain,

    /// <summary>Nothing.</summary>
    None,
}
