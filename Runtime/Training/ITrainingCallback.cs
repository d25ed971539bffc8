namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/> (Keras-style callbacks; add them to <see cref="TrainerOptions.Callbacks"/>).
/// Every method has an empty default, so a callback implements only the hooks it needs. Hooks run on the training
/// thread, in the order the callbacks are listed; an exception from a hook ends the run (the last epoch's checkpoint is
/// kept). <see cref="TrainingContext.RequestStop"/> ends the run after the current epoch.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch (after a resume: before the first epoch still to run).</summary>
    /// <param name="context">The run.</param>
    void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>Before an epoch's first batch, with its learning rate set.</summary>
    /// <param name="context">The run.</param>
    /// <param name="epoch">0-based epoch.</param>
    void OnEpochBegin(TrainingContext context, int epoch)
    {
    }

    /// <summary>After each training step (not during validation).</summary>
    /// <param name="context">The run.</param>
    /// <param name="batch">The step's loss and position.</param>
    void OnBatchEnd(TrainingContext context, BatchResult batch)
    {
    }

    /// <summary>After an epoch's validation, metrics CSV and checkpoint.</summary>
    /// <param name="context">The run.</param>
    /// <param name="epoch">The epoch's metrics.</param>
    void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
    }

    /// <summary>After the last epoch, once the best model is restored; not called when an exception ended the run.</summary>
    /// <param name="context">The run.</param>
    /// <param name="result">History, best epoch, confusion matrix, files written.</param>
    void OnTrainEnd(TrainingContext context, TrainingResult result)
    {
    }
}
