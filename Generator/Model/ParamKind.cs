namespace QuickDrawDsl.Generator.Model;

/// <summary>The YAML type of a parameter value.</summary>
internal enum ParamKind
{
    Int,
    Float,
    Bool,
    String,
    IntList,
}
