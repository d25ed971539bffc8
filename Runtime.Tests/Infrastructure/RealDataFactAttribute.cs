namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>A fact that needs the real data in <c>../shared/data</c>; reported as skipped, with the reason, where it is absent.</summary>
internal sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.MissingReason;
        }
    }
}
