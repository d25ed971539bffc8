using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>One layer of a generated model.</summary>
/// <param name="Name">Field name (the spec's layer name).</param>
/// <param name="Type">The spec's layer type, e.g. conv1d.</param>
/// <param name="OutputShape">Output shape without the batch axis, in the spec's layout.</param>
/// <param name="Parameters">Trainable parameters of this layer with the default options.</param>
public sealed record LayerInfo(string Name, string Type, IReadOnlyList<string> OutputShape, long Parameters);
