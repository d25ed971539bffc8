namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// A fact that needs the real data in <c>../shared/data</c> (more than <see cref="Fixtures"/> holds). Skipped, with
/// <see cref="SharedData.SkipReason"/>, only where the data is absent and that is allowed; under <c>CI=true</c> or with a
/// <c>QD_SHARED_DATA</c> that points nowhere it runs and fails with <see cref="SharedData.FailureReason"/>.
/// </summary>
internal sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (SharedData.Root is null && SharedData.FailureReason is null)
        {
            Skip = SharedData.SkipReason;
        }
    }
}
