namespace Marketplace.Web.Domain;

/// <summary>A business rule refused the request; the message is safe to show to the user.</summary>
public sealed class DomainException(string message) : Exception(message);

/// <summary>The record does not exist for the signed-in organization (also used to hide other tenants' data).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The signed-in user's role does not allow the request.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
