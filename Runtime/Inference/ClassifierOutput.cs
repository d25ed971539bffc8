namespace QuickDrawDsl.Runtime.Inference;

/// <summary>What a classifier's last layer outputs, so that <see cref="ClassificationPredictor"/> can turn it into probabilities.</summary>
public enum ClassifierOutput
{
    /// <summary>Unnormalised scores (no activation on the last layer): softmax is applied.</summary>
    Logits,

    /// <summary>Softmax probabilities: used as they are.</summary>
    Probabilities,

    /// <summary>Log-softmax: exponentiated.</summary>
    LogProbabilities,
}
