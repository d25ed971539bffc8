using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Models;
using QuickDrawDsl.Runtime.Experiments;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>The models the example trains, in table order.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<ForecastModelSpec> All { get; } =
    [
        new("seq2vec", "seq2vec LSTM (7 at once)", ForecastArchitecture.SequenceToVector, m => m ? new Seq2VecForecasterMultivariate() : new Seq2VecForecaster(), m => m ? new Seq2VecForecasterMultivariateTraining() : new Seq2VecForecasterTraining()),
        new("seq2seq", "aligned seq2seq LSTM (every step)", ForecastArchitecture.AlignedSequenceToSequence, m => m ? new AlignedSeq2SeqForecasterMultivariate() : new AlignedSeq2SeqForecaster(), m => m ? new AlignedSeq2SeqForecasterMultivariateTraining() : new AlignedSeq2SeqForecasterTraining()),
        new("encoder-decoder", "encoder–decoder LSTM (7 decoder steps)", ForecastArchitecture.EncoderDecoder, m => m ? new EncoderDecoderForecasterMultivariate() : new EncoderDecoderForecaster(), m => m ? new EncoderDecoderForecasterMultivariateTraining() : new EncoderDecoderForecasterTraining()),
        new("conv-seq2vec", "Conv1D + seq2vec LSTM", ForecastArchitecture.SequenceToVector, m => m ? new ConvSeq2VecForecasterMultivariate() : new ConvSeq2VecForecaster(), m => m ? new ConvSeq2VecForecasterMultivariateTraining() : new ConvSeq2VecForecasterTraining()),
        new("wavenet", "WaveNet (dilated causal Conv1D, every step)", ForecastArchitecture.AlignedSequenceToSequence, m => m ? new WaveNetForecasterMultivariate() : new WaveNetForecaster(), m => m ? new WaveNetForecasterMultivariateTraining() : new WaveNetForecasterTraining()),
    ];

    /// <summary>
    /// The <c>training:</c> section every spec shares (a test checks that they agree): its epochs, batch size, learning
    /// rate and seed are the defaults of <c>forecast compare</c>'s options, and its optimizer, loss and clipping are used as declared.
    /// </summary>
    public static TrainingSection Training => All[0].Training(false);

    /// <summary>The models named in <paramref name="keys"/> (all when null or empty), in catalog order.</summary>
    public static IReadOnlyList<ForecastModelSpec> Select(IReadOnlyList<string>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            return All;
        }

        string[] unknown = keys.Where(k => All.All(m => !string.Equals(m.Key, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new UserError($"Unknown model {string.Join(", ", unknown.Select(u => "'" + u + "'"))} in --models; choose from {string.Join(", ", All.Select(m => m.Key))}.");
        }

        return All.Where(m => keys.Contains(m.Key, StringComparer.OrdinalIgnoreCase)).ToArray();
    }
}
