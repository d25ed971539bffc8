using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Shapes;

/// <summary>Where a layer sits in the walk: what the defaults and checks of some families depend on.</summary>
/// <param name="IsFirst">Whether it is the model's first layer (embedding must be).</param>
/// <param name="RecurrentFollows">Whether a recurrent layer comes anywhere after it (the default of return_sequences).</param>
/// <param name="Previous">The plans of the layers before it in the same list, for hints.</param>
internal readonly record struct LayerPosition(bool IsFirst, bool RecurrentFollows, IReadOnlyList<LayerPlan> Previous);
