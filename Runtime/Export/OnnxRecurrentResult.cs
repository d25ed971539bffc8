namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// The values a recurrent helper (<see cref="OnnxGraphBuilder.Lstm"/>, <see cref="OnnxGraphBuilder.Gru"/>,
/// <see cref="OnnxGraphBuilder.Rnn"/>) produces, in TorchSharp's layouts.
/// </summary>
/// <param name="Output">
/// The top layer's output for every step: <c>[batch, time, directions * hidden]</c> when the module is batch-first,
/// <c>[time, batch, directions * hidden]</c> otherwise (TorchSharp's <c>output</c>). With sequence lengths, steps past a
/// sequence's length are zero, as after <c>pad_packed_sequence</c>.
/// </param>
/// <param name="Hidden">The final hidden state <c>[layers * directions, batch, hidden]</c> (TorchSharp's <c>h_n</c>).</param>
/// <param name="Cell">The final cell state of an LSTM <c>[layers * directions, batch, hidden]</c> (<c>c_n</c>); <see langword="null"/> for GRU and RNN.</param>
public sealed record OnnxRecurrentResult(OnnxValue Output, OnnxValue Hidden, OnnxValue? Cell);
