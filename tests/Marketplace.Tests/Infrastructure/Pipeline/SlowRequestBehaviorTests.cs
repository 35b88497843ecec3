using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Infrastructure.Pipeline;

public sealed class SlowRequestBehaviorTests
{
    private readonly CapturingLogger<SlowRequestBehavior<SubmitLot.Command, int>> _logger = new();

    [Fact]
    public async Task A_request_slower_than_the_threshold_is_logged_as_a_warning()
    {
        var behavior = new SlowRequestBehavior<SubmitLot.Command, int>(_logger, Options.Create(new PipelineOptions { SlowRequestMilliseconds = 5 }));

        var result = await behavior.Handle(new SubmitLot.Command(Guid.NewGuid()), async (_, ct) =>
        {
            await Task.Delay(30, ct);
            return 7;
        }, CancellationToken.None);

        Assert.Equal(7, result);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(typeof(SubmitLot.Command).FullName, warning.Properties["Message"]);
        Assert.Equal(5, warning.Properties["ThresholdMs"]);
    }

    [Fact]
    public async Task A_request_within_the_threshold_is_not_logged()
    {
        var behavior = new SlowRequestBehavior<SubmitLot.Command, int>(_logger, Options.Create(new PipelineOptions { SlowRequestMilliseconds = 10_000 }));

        await behavior.Handle(new SubmitLot.Command(Guid.NewGuid()), (_, _) => ValueTask.FromResult(7), CancellationToken.None);

        Assert.Empty(_logger.Entries);
    }
}
