using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A recurrent layer's sizes and structure.</summary>
/// <param name="InFeatures">Features of each input step.</param>
/// <param name="Units">Hidden size per direction.</param>
/// <param name="ReturnSequences">Whether it outputs every step or the last state.</param>
/// <param name="Bidirectional">Whether it runs both ways (output 2 × units).</param>
/// <param name="NumLayers">Stacked layers inside the module.</param>
/// <param name="RateOption">The option its dropout refers to, or null when the layer gets a property of its own.</param>
/// <param name="Nonlinearity">The cell activation of an rnn, null for lstm and gru.</param>
internal sealed record RecurrentSettings(Dim InFeatures, Dim Units, bool ReturnSequences, bool Bidirectional, long NumLayers, string? RateOption, string? Nonlinearity) : LayerSettings;
