namespace Marketplace.Web.Domain;

/// <summary>A business rule refused the request; the message is safe to show to the user.</summary>
public sealed class DomainException(string message) : Exception(message)
{
    /// <summary>Where the person can put right what the message says is missing, shown as a link beside it; null when nowhere.</summary>
    public Remedy? Remedy { get; init; }
}

/// <summary>A page of this app (its path) where a refused request's cause can be fixed, and the words of the link to it.</summary>
public sealed record Remedy(string Text, string Path);

/// <summary>The record does not exist for the signed-in organization (also used to hide other tenants' data).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The signed-in user's role does not allow the request.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
