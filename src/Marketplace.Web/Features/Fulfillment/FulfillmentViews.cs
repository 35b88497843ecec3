namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The hand-over form on either side's lot page: where it posts and what it starts filled with.</summary>
public sealed record HandOverPanel(string Action, string? ReleasedBy, string? CollectedBy, int? Packages);
