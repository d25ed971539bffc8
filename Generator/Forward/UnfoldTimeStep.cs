using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>Undoes the <see cref="FoldTimeStep"/> with the same <paramref name="Index"/>; <paramref name="StepShape"/> is one step's shape after the run.</summary>
internal sealed record UnfoldTimeStep(int Index, EquatableArray<Dim> StepShape, string Comment) : ForwardStep;
