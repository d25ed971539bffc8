using System.Collections.Generic;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>One property of a model's options record: an option of the spec, or the rate of a layer that gives it as a literal.</summary>
/// <param name="Name">The C# property name (<c>Hidden</c>, <c>Dropout0Rate</c>).</param>
/// <param name="IsInteger">Whether the property is a <c>long</c> (else a <c>double</c>).</param>
/// <param name="Default">The spec's value.</param>
/// <param name="Origin">What in the spec it comes from, for messages: <c>option 'hidden'</c>, <c>the rate of layer 'dropout_0'</c>.</param>
/// <param name="Summary">Its XML documentation.</param>
/// <param name="Location">Where the spec declares it.</param>
/// <param name="Uses">The parameters it sets and the rule each imposes; the generated constructor checks an overridden value against them.</param>
internal sealed record OptionProperty(string Name, bool IsInteger, ParamValue Default, string Origin, string Summary, LocationInfo? Location, IReadOnlyList<OptionUse> Uses);
