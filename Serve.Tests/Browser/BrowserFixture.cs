using System.Threading.Tasks;

namespace QuickDrawDsl.Serve.Tests.Browser;

/// <summary>One headless Chromium for the browser tests (a launch costs seconds of CPU the other suites share).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    internal BrowserSession Session { get; private set; } = null!;

    public async Task InitializeAsync() => Session = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (Session is not null)
        {
            await Session.DisposeAsync();
        }
    }
}
