using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>An embedding's vocabulary, vector size and padding token.</summary>
internal sealed record EmbeddingSettings(long Vocab, Dim Size, long? PaddingIdx) : LayerSettings;
