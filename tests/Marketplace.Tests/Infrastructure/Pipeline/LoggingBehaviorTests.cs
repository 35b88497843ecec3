using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Infrastructure.Pipeline;

public sealed class LoggingBehaviorTests
{
    private readonly CapturingLogger<LoggingBehavior<CreateLot.Command, Guid>> _logger = new();
    private readonly CreateLot.Command _command = new("Grade 5 Chromebooks", null, null);

    private LoggingBehavior<CreateLot.Command, Guid> Behavior() => new(_logger, new TestUser(Roles.DistrictStaff) { Name = "Dana Whitfield" });

    [Fact]
    public async Task A_handled_message_is_logged_by_its_use_case_name_and_user()
    {
        var id = Guid.NewGuid();

        var result = await Behavior().Handle(_command, (_, _) => ValueTask.FromResult(id), CancellationToken.None);

        Assert.Equal(id, result);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("Handled CreateLot for Dana Whitfield", entry.Message);
        Assert.Equal("CreateLot", entry.Properties["Message"]);
    }

    [Fact]
    public async Task A_message_refused_by_a_business_rule_is_logged_with_the_reason_as_information()
    {
        await Assert.ThrowsAsync<DomainException>(async () =>
            await Behavior().Handle(_command, (_, _) => throw new DomainException("Add at least one device."), CancellationToken.None));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Refused CreateLot for Dana Whitfield: Add at least one device.", entry.Message);
    }

    [Fact]
    public async Task A_message_that_fails_unexpectedly_is_logged_as_an_error_with_the_exception()
    {
        var failure = new InvalidOperationException("database is locked");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behavior().Handle(_command, (_, _) => throw failure, CancellationToken.None));

        Assert.Same(failure, thrown);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(failure, entry.Exception);
        Assert.StartsWith("Failed CreateLot", entry.Message);
    }
}
