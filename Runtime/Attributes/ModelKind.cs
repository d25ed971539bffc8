namespace QuickDrawDsl;

/// <summary>The archetype of a model declared with <see cref="ModelAttribute"/> (the YAML <c>kind:</c>).</summary>
public enum ModelKind
{
    /// <summary>A plain layer stack (<c>sequential</c>).</summary>
    Sequential = 0,

    /// <summary>Sequence in, vector out (<c>seq2vec</c>); the last recurrent layer returns a vector.</summary>
    Seq2Vec = 1,

    /// <summary>Sequence in, sequence out (<c>seq2seq</c>): aligned, or encoder–decoder with <see cref="DecoderAttribute"/>.</summary>
    Seq2Seq = 2,

    /// <summary>Vector in, sequence out (<c>vec2seq</c>): <c>repeat_vector</c> or a decoder seeded with the vector.</summary>
    Vec2Seq = 3,
}
