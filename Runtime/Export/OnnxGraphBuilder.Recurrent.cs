using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using QuickDrawDsl.Runtime.Export.Onnx;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// Recurrent layers: one ONNX <c>LSTM</c>/<c>GRU</c>/<c>RNN</c> node per TorchSharp layer. Weights are read by name
/// (<c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>, <c>_reverse</c> for the
/// backward direction), gates are reordered (LSTM i,f,g,o to ONNX i,o,f,c; GRU r,z,n to ONNX z,r,h), both biases are
/// concatenated into ONNX <c>B</c>, and GRU uses <c>linear_before_reset=1</c> as PyTorch does. ONNX Runtime's CPU kernels
/// only take the time-major layout, so batch-first inputs and outputs are transposed.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    private static readonly int[] LstmGateOrder = [0, 3, 1, 2];
    private static readonly int[] GruGateOrder = [1, 0, 2];
    private static readonly int[] RnnGateOrder = [0];

    /// <summary>Exports <c>nn.LSTM</c> (any number of layers, uni- or bidirectional, with or without biases; no projections).</summary>
    /// <param name="lstm">The module.</param>
    /// <param name="x">The input, <c>[batch, time, features]</c> when <paramref name="batchFirst"/>, else <c>[time, batch, features]</c>.</param>
    /// <param name="batchFirst">The layout the module was created with (TorchSharp has no public property for it; a contradicting value is refused where the private field can be read).</param>
    /// <param name="lengths">
    /// Optional int64 <c>[batch]</c> valid lengths (ONNX <c>sequence_lens</c>): the result then equals running the module
    /// on <c>pack_padded_sequence</c> (padded steps of the output are zero, <c>Hidden</c>/<c>Cell</c> are the packed <c>h_n</c>/<c>c_n</c>).
    /// </param>
    /// <param name="h0">Optional initial hidden state <c>[layers * directions, batch, hidden]</c>.</param>
    /// <param name="c0">Optional initial cell state <c>[layers * directions, batch, hidden]</c>.</param>
    /// <returns>The output, <c>h_n</c> and <c>c_n</c>.</returns>
    public OnnxRecurrentResult Lstm(LSTM lstm, OnnxValue x, bool batchFirst, OnnxValue? lengths = null, OnnxValue? h0 = null, OnnxValue? c0 = null)
        => Recurrent("LSTM", LstmGateOrder, lstm, x, batchFirst, lengths, h0, c0, []);

    /// <summary>Exports <c>nn.GRU</c> (any number of layers, uni- or bidirectional).</summary>
    /// <param name="gru">The module.</param>
    /// <param name="x">The input, batch-first or time-major as <paramref name="batchFirst"/> says.</param>
    /// <param name="batchFirst">The layout the module was created with.</param>
    /// <param name="lengths">Optional int64 <c>[batch]</c> valid lengths (see <see cref="Lstm"/>).</param>
    /// <param name="h0">Optional initial hidden state <c>[layers * directions, batch, hidden]</c>.</param>
    /// <returns>The output and <c>h_n</c>.</returns>
    public OnnxRecurrentResult Gru(GRU gru, OnnxValue x, bool batchFirst, OnnxValue? lengths = null, OnnxValue? h0 = null)
        => Recurrent("GRU", GruGateOrder, gru, x, batchFirst, lengths, h0, null, [IntAttr("linear_before_reset", 1)]);

    /// <summary>Exports <c>nn.RNN</c> (Elman RNN with tanh or ReLU; any number of layers, uni- or bidirectional).</summary>
    /// <param name="rnn">The module.</param>
    /// <param name="x">The input, batch-first or time-major as <paramref name="batchFirst"/> says.</param>
    /// <param name="batchFirst">The layout the module was created with.</param>
    /// <param name="nonLinearity">The non-linearity the module was created with.</param>
    /// <param name="lengths">Optional int64 <c>[batch]</c> valid lengths (see <see cref="Lstm"/>).</param>
    /// <param name="h0">Optional initial hidden state <c>[layers * directions, batch, hidden]</c>.</param>
    /// <returns>The output and <c>h_n</c>.</returns>
    public OnnxRecurrentResult Rnn(RNN rnn, OnnxValue x, bool batchFirst, nn.NonLinearities nonLinearity = nn.NonLinearities.Tanh, OnnxValue? lengths = null, OnnxValue? h0 = null)
    {
        string activation = nonLinearity == nn.NonLinearities.ReLU ? "Relu" : "Tanh";
        return Recurrent("RNN", RnnGateOrder, rnn, x, batchFirst, lengths, h0, null, [StringsAttr("activations", [activation, activation])]);
    }

    /// <summary>
    /// The output at each sequence's last valid step, <c>output[b, lengths[b] - 1, :]</c> (<c>GatherND</c> with
    /// <c>batch_dims=1</c>), as TorchSharp code gathers it after a padded or packed recurrent layer.
    /// </summary>
    /// <param name="output">The recurrent output, <c>[batch, time, features]</c> or <c>[time, batch, features]</c>.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths (each at least 1).</param>
    /// <param name="batchFirst">Whether <paramref name="output"/> is batch-first.</param>
    /// <returns>The selected steps <c>[batch, features]</c>.</returns>
    public OnnxValue LastValidStep(OnnxValue output, OnnxValue lengths, bool batchFirst = true)
    {
        if (Checked(output).Rank != 3 || Checked(lengths).Rank != 1)
        {
            throw new ArgumentException($"LastValidStep needs a rank-3 output and rank-1 lengths, got {output} and {lengths}.");
        }

        OnnxValue data = batchFirst ? output : Transpose(output, 1, 0, 2);
        OnnxValue index = Unsqueeze(Sub(lengths, Int64Scalar(1)), 1);
        return Emit("GatherND", [data, index], 2, IntAttr("batch_dims", 1));
    }

    private OnnxRecurrentResult Recurrent(
        string opType,
        int[] gateOrder,
        nn.Module module,
        OnnxValue x,
        bool batchFirst,
        OnnxValue? lengths,
        OnnxValue? h0,
        OnnxValue? c0,
        AttributeProto[] extraAttributes)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (Checked(x).Rank != 3)
        {
            throw new ArgumentException($"A recurrent layer needs a rank-3 input, got {x}.", nameof(x));
        }

        Dictionary<string, Tensor> parameters = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        if (parameters.Keys.Any(k => k.StartsWith("weight_hr", StringComparison.Ordinal)))
        {
            throw new NotSupportedException("LSTM projections (proj_size > 0) are not exported.");
        }

        var layerPattern = new Regex("^weight_ih_l([0-9]+)$", RegexOptions.CultureInvariant);
        int layers = parameters.Keys.Count(k => layerPattern.IsMatch(k));
        if (layers == 0 || !parameters.TryGetValue("weight_hh_l0", out Tensor? hh0))
        {
            throw new ArgumentException($"{module.GetType().Name} has no weight_ih_l0/weight_hh_l0 parameters.", nameof(module));
        }

        bool bidirectional = parameters.ContainsKey("weight_ih_l0_reverse");
        int directions = bidirectional ? 2 : 1;
        long hidden = hh0.shape[1];
        int gates = gateOrder.Length;
        if (hh0.shape[0] != gates * hidden)
        {
            throw new ArgumentException($"{opType} expects weight_hh_l0 of shape [{gates} * hidden, hidden], got [{string.Join(", ", hh0.shape)}].", nameof(module));
        }

        // TorchSharp keeps batch_first in a private field; where it can be read, a contradicting argument is an error.
        if (module.GetType().GetField("_batch_first", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(module) is bool created && created != batchFirst)
        {
            throw new ArgumentException($"The {opType} module was created with batchFirst: {created} but is exported with batchFirst: {batchFirst}.", nameof(batchFirst));
        }

        bool isLstm = opType == "LSTM";
        OnnxValue sequence = batchFirst ? Transpose(x, 1, 0, 2) : x;
        OnnxValue? sequenceLens = lengths is null ? null : Cast(Checked(lengths), OnnxElementType.Int32);
        var hiddenStates = new List<OnnxValue>();
        var cellStates = new List<OnnxValue>();
        string direction = bidirectional ? "bidirectional" : "forward";
        OnnxValue output = sequence;
        for (int layer = 0; layer < layers; layer++)
        {
            OnnxValue w;
            OnnxValue r;
            OnnxValue? b = null;
            using (DisposeScope scope = NewDisposeScope())
            {
                // Shared per module and layer: an unrolled decoder runs the same cell at every step.
                string[] suffixes = bidirectional ? [Layer(layer), Layer(layer) + "_reverse"] : [Layer(layer)];
                string stem = opType.ToLowerInvariant() + Layer(layer);
                w = ModuleWeight(module, stem + "_W", () => stack(suffixes.Select(s => Reorder(Get(parameters, "weight_ih" + s), gateOrder)).ToArray(), 0));
                r = ModuleWeight(module, stem + "_R", () => stack(suffixes.Select(s => Reorder(Get(parameters, "weight_hh" + s), gateOrder)).ToArray(), 0));
                if (parameters.ContainsKey("bias_ih" + suffixes[0]))
                {
                    b = ModuleWeight(module, stem + "_B", () => stack(
                        suffixes.Select(s => cat([Reorder(Get(parameters, "bias_ih" + s), gateOrder), Reorder(Get(parameters, "bias_hh" + s), gateOrder)], 0)).ToArray(),
                        0));
                }
            }

            OnnxValue? initialH = h0 is null ? null : Slice(h0, [layer * directions], [(layer + 1) * directions], [0]);
            OnnxValue? initialC = c0 is null ? null : Slice(c0, [layer * directions], [(layer + 1) * directions], [0]);
            List<OnnxValue?> inputs = [sequence, w, r, b, sequenceLens, initialH];
            if (isLstm)
            {
                inputs.Add(initialC);
            }

            AttributeProto[] attributes = [IntAttr("hidden_size", hidden), StringAttr("direction", direction), .. extraAttributes];
            OnnxValue[] outs = EmitMany(opType, inputs, isLstm ? [4, 3, 3] : [4, 3], attributes);
            hiddenStates.Add(outs[1]);
            if (isLstm)
            {
                cellStates.Add(outs[2]);
            }

            // Y is [time, directions, batch, hidden]; the next layer (and TorchSharp) wants [time, batch, directions * hidden].
            bool last = layer == layers - 1;
            OnnxValue permuted = last && batchFirst ? Transpose(outs[0], 2, 0, 1, 3) : Transpose(outs[0], 0, 2, 1, 3);
            sequence = Reshape(permuted, 0, 0, -1);
            output = sequence;
        }

        OnnxValue hn = hiddenStates.Count == 1 ? hiddenStates[0] : Concat(0, [.. hiddenStates]);
        OnnxValue? cn = !isLstm ? null : cellStates.Count == 1 ? cellStates[0] : Concat(0, [.. cellStates]);
        return new OnnxRecurrentResult(output, hn, cn);
    }

    private static string Layer(int layer) => "_l" + layer.ToString(CultureInfo.InvariantCulture);

    private static Tensor Get(Dictionary<string, Tensor> parameters, string name)
        => parameters.TryGetValue(name, out Tensor? t) ? t.detach() : throw new ArgumentException($"The recurrent module has no parameter '{name}'.");

    private static Tensor Reorder(Tensor weight, int[] gateOrder)
    {
        if (gateOrder.Length == 1)
        {
            return weight;
        }

        Tensor[] chunks = weight.chunk(gateOrder.Length, 0);
        return cat(gateOrder.Select(i => chunks[i]).ToArray(), 0);
    }
}
