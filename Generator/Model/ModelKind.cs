namespace QuickDrawDsl.Generator.Model;

/// <summary>The archetype a spec declares; each kind has its own shape rules and defaults.</summary>
internal enum ModelKind
{
    /// <summary>A plain layer stack; no kind-specific rules.</summary>
    Sequential,

    /// <summary>Sequence in, vector out; the last recurrent layer returns a vector.</summary>
    Seq2Vec,

    /// <summary>Sequence in, sequence out: aligned (every step) or, with a <c>decoder:</c>, encoder–decoder.</summary>
    Seq2Seq,

    /// <summary>Vector in, sequence out: <c>repeat_vector</c> or a <c>decoder:</c> seeded with the vector.</summary>
    Vec2Seq,
}
