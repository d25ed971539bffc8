namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>The learning-rate schedule of a <c>training:</c> section (<c>schedule:</c>).</summary>
public enum ScheduleKind
{
    /// <summary>The learning rate stays at <see cref="TrainingSection.LearningRate"/> (<c>constant</c>).</summary>
    Constant,

    /// <summary>Cosine annealing to <see cref="TrainingSection.MinLearningRate"/> over the epochs after warm-up (<c>cosine</c>).</summary>
    Cosine,

    /// <summary>Multiplied by <see cref="TrainingSection.Gamma"/> every <see cref="TrainingSection.StepSize"/> epochs (<c>step</c>).</summary>
    Step,

    /// <summary>Multiplied by <see cref="TrainingSection.Gamma"/> when <c>val_loss</c> stops improving for <see cref="TrainingSection.StepSize"/> epochs (<c>plateau</c>).</summary>
    Plateau,
}
