namespace Marketplace.Web.Infrastructure.Email;

/// <summary>Log of every e-mail the platform sent, listed on the admin page.</summary>
public sealed class EmailMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset SentAt { get; init; }

    /// <summary>"smtp" or the path of the .eml file in the pickup folder.</summary>
    public required string DeliveredVia { get; init; }
}
