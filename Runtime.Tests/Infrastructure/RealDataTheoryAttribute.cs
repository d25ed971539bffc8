namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>A theory that needs the real data in <c>../shared/data</c>; reported as skipped, with the reason, where it is absent.</summary>
internal sealed class RealDataTheoryAttribute : TheoryAttribute
{
    public RealDataTheoryAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.MissingReason;
        }
    }
}
