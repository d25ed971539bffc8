namespace QuickDrawDsl.Generator.Model;

/// <summary>What a catalog parameter accepts.</summary>
internal enum ParamType
{
    Int,
    Float,
    Bool,
    /// <summary>One of <see cref="ParamDefinition.Choices"/>.</summary>
    Choice,
    /// <summary>An int, or a list of ints (one per spatial axis).</summary>
    IntOrList,

    /// <summary>One of <see cref="ParamDefinition.Choices"/>, or a whole number from 0 (or a list, one per spatial axis): a convolution's padding.</summary>
    Padding,
}
