namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// The values a parameter accepts. One rule serves the literal in the spec, the default of an option that stands
/// for it, and the generated constructor's check of an option overridden at run time (see <see cref="ParamRules"/>).
/// </summary>
internal enum ParamRule
{
    /// <summary>No range: booleans and choices.</summary>
    None,

    /// <summary>A size or count: a whole number from 1 to <see cref="Parsing.SpecLimits.MaxSize"/>.</summary>
    Size,

    /// <summary>An index into a size (<c>padding_idx</c>): a whole number from 0.</summary>
    Index,

    /// <summary>Zero-padding on each side of an axis: a whole number from 0 to <see cref="Parsing.SpecLimits.MaxSize"/>.</summary>
    Padding,

    /// <summary>A probability of dropping: a number in [0, 1).</summary>
    Rate,

    /// <summary>A finite number from 0 (<c>eps</c>, <c>momentum</c>).</summary>
    NonNegative,
}
