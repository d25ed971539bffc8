using System.Globalization;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>How a row's model is trained. The chapter's rows use the chapter's recipe: SGD with momentum 0.9 and the Huber loss.</summary>
/// <param name="Optimizer">The optimiser.</param>
/// <param name="LearningRate">Its learning rate.</param>
/// <param name="Loss">The training loss.</param>
/// <param name="KerasInitialization">Initialise the weights as Keras does (see <see cref="KerasInitialization"/>) instead of PyTorch's defaults.</param>
/// <param name="ClipGradientNorm">Clip the gradients' global norm to this (null: no clipping, as in the chapter).</param>
internal sealed record BookRecipe(OptimizerKind Optimizer, double LearningRate, LossKind Loss, bool KerasInitialization, double? ClipGradientNorm = null)
{
    /// <summary>The chapter's <c>fit_and_evaluate</c>: <c>SGD(learning_rate, momentum=0.9)</c>, <c>Huber()</c>, Keras initialisers.</summary>
    public static BookRecipe Chapter(double learningRate) => new(OptimizerKind.Sgd, learningRate, LossKind.Huber, KerasInitialization: true);

    /// <summary>A short description for the results table.</summary>
    public override string ToString()
    {
        string optimizer = Optimizer == OptimizerKind.Sgd
            ? string.Create(CultureInfo.InvariantCulture, $"SGD {LearningRate:0.###} m {BookProtocol.Momentum}")
            : string.Create(CultureInfo.InvariantCulture, $"{Optimizer} {LearningRate:0.####}");
        string loss = Loss switch
        {
            LossKind.Huber => "Huber",
            LossKind.Mae => "MAE",
            LossKind.Mse => "MSE",
            _ => Loss.ToString(),
        };
        string clip = ClipGradientNorm is double c ? string.Create(CultureInfo.InvariantCulture, $", clip {c:0.##}") : string.Empty;
        return $"{optimizer}, {loss}{clip}";
    }
}
