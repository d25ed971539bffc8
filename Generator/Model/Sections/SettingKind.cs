namespace QuickDrawDsl.Generator.Model.Sections;

/// <summary>The value type of a <c>training:</c>/<c>data:</c> setting, which decides how it is read, checked and emitted.</summary>
internal enum SettingKind
{
    /// <summary>A whole number that fits an <c>int</c>.</summary>
    Int,

    /// <summary>A whole number that fits a <c>long</c> (the seed).</summary>
    Long,

    /// <summary>A finite number.</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>One of a fixed set of names, emitted as a runtime enum member.</summary>
    Choice,

    /// <summary>A one-line text (a path, a column, a monitored metric).</summary>
    Text,

    /// <summary>A list of distinct choices (<c>metrics:</c>).</summary>
    ChoiceList,

    /// <summary><c>none</c>, <c>balanced</c> or a list of weights at least 0 (<c>class_weights:</c>).</summary>
    ClassWeights,

    /// <summary>A mapping of further settings (<c>early_stopping:</c>, <c>splits:</c>).</summary>
    Group,
}
