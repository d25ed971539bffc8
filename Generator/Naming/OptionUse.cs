using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>A parameter set by an options property (<c>lstm_0.units</c>) and the rule its values must follow.</summary>
internal sealed record OptionUse(string Field, ParamRule Rule);
