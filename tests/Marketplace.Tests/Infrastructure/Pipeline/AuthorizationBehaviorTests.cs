using System.Reflection;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Features.Storefront;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Tests.Infrastructure.Pipeline;

public sealed class AuthorizationBehaviorTests
{
    private int _handled;

    [Fact]
    public async Task An_anonymous_user_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateLot.Command("Lot", null, null), TestUser.Anonymous));

        Assert.Contains("Sign in", refused.Message);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_user_in_a_role_the_message_does_not_allow_is_refused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateLot.Command("Lot", null, null), new TestUser(Roles.SchoolBuyer, Roles.RefurbisherBuyer, Roles.DistrictStaff, Roles.DistrictViewer, Roles.DistrictApprover)));

        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_user_in_an_allowed_role_reaches_the_handler()
    {
        await SendAsync(new CreateLot.Command("Lot", null, null), new TestUser(Roles.DistrictInventory));

        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task Each_role_of_a_comma_separated_role_list_is_allowed()
    {
        await SendAsync(new AddToCart.Command(Guid.NewGuid(), 1), new TestUser(Roles.DistrictApprover));
        await SendAsync(new AddToCart.Command(Guid.NewGuid(), 1), new TestUser(Roles.SchoolBuyer));
        await SendAsync(new AddToCart.Command(Guid.NewGuid(), 1), new TestUser(Roles.SchoolApprover));

        Assert.Equal(3, _handled);
    }

    [Fact]
    public async Task A_system_only_command_is_refused_to_people_even_admins()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new ReleaseDistrictFunds.Command(Guid.NewGuid()), new TestUser(Roles.Admin, Roles.Finance)));

        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_message_open_to_anonymous_users_needs_no_sign_in()
    {
        await SendAsync(new VerifyCertificate.Query("7K3F9Q2M1X"), TestUser.Anonymous);

        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task A_message_type_without_allowed_roles_is_refused_for_everyone()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(new Unmarked(), new TestUser(Roles.All.ToArray())));

        Assert.Contains("[AllowedRoles]", error.Message);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public void Every_command_and_query_of_the_app_says_who_may_send_it()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .ToList();

        Assert.Contains(typeof(CreateLot.Command), messages);
        Assert.Contains(typeof(VerifyCertificate.Query), messages);
        Assert.Empty(messages.Where(t => t.GetCustomAttribute<AllowedRolesAttribute>() is null).Select(t => t.FullName));
    }

    private async Task SendAsync<TMessage>(TMessage message, ICurrentUser user) where TMessage : IMessage =>
        await new AuthorizationBehavior<TMessage, int>(user).Handle(message, (_, _) => ValueTask.FromResult(++_handled), CancellationToken.None);

    private sealed record Unmarked : ICommand;
}
