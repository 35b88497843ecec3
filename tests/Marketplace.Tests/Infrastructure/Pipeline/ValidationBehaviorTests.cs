using FluentValidation;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;

namespace Marketplace.Tests.Infrastructure.Pipeline;

public sealed class ValidationBehaviorTests
{
    private static readonly IClock Clock = new SystemClock(TimeProvider.System);
    private int _handled;

    [Fact]
    public async Task A_message_failing_validation_is_refused_before_the_handler_runs()
    {
        var command = new AddDevice.Command(Guid.NewGuid(), "", null, default, null, "", default, default);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(command, new AddDevice.Validator(Clock)));

        Assert.Equal(0, _handled);
        Assert.Equal(["Serial", "Model"], refused.Errors.Select(e => e.PropertyName));
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Enter the manufacturer serial number.");
    }

    [Fact]
    public async Task A_valid_message_reaches_the_handler()
    {
        var command = new AddDevice.Command(Guid.NewGuid(), "5CD0417ABC", "MV-001", default, "Dell", "Chromebook 3100", default, default);

        await SendAsync(command, new AddDevice.Validator(Clock));

        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task Failures_from_every_validator_of_the_message_are_reported_together()
    {
        var command = new AddDevice.Command(Guid.NewGuid(), "", null, default, null, "Chromebook 3100", default, default);
        var stateRule = new InlineValidator<AddDevice.Command>();
        stateRule.RuleFor(c => c.AssetTag).NotEmpty().WithMessage("Districts in this state require an asset tag.");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(command, new AddDevice.Validator(Clock), stateRule));

        Assert.Equal(["Serial", "AssetTag"], refused.Errors.Select(e => e.PropertyName));
        Assert.Equal(0, _handled);
    }

    private async Task SendAsync(AddDevice.Command command, params IValidator<AddDevice.Command>[] validators) =>
        await new ValidationBehavior<AddDevice.Command, int>(validators).Handle(command, (_, _) => ValueTask.FromResult(++_handled), CancellationToken.None);
}
