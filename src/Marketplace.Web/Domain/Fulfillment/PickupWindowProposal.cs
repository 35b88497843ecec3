using System.Globalization;

namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>Where a proposed window stands: open until the district confirms one, or asks for others.</summary>
public enum PickupWindowStatus
{
    /// <summary>Waiting for the district.</summary>
    Proposed,

    /// <summary>The window the pickup is booked for.</summary>
    Confirmed,

    /// <summary>Another window of the same proposal was confirmed.</summary>
    NotChosen,

    /// <summary>The district asked for other windows.</summary>
    Declined,

    /// <summary>Was confirmed, then the pickup moved to another window.</summary>
    Moved,
}

/// <summary>A day and time range the buyer offers to collect a paid lot, in the district's local time at its dock.</summary>
public sealed record ProposedWindow(DateOnly Date, TimeOnly Starts, TimeOnly Ends);

/// <summary>One window the buyer proposed; part of the lot's fulfillment, so proposals and confirmations race on its version.</summary>
public sealed class PickupWindowProposal
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid FulfillmentId { get; init; }
    public DateOnly Date { get; init; }
    public TimeOnly Starts { get; init; }
    public TimeOnly Ends { get; init; }
    public PickupWindowStatus Status { get; internal set; }
    public DateTimeOffset ProposedAt { get; init; }
    public Guid ProposedByUserId { get; init; }
    public required string ProposedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; internal set; }

    public bool IsOpen => Status == PickupWindowStatus.Proposed;

    /// <summary>"10:00 am–12:00 pm", as the district's dock reads it.</summary>
    public string TimeRange => Range(Starts, Ends);

    /// <summary>"Tuesday, December 15, 2026, 10:00 am–12:00 pm".</summary>
    public string Describe() => $"{Date.ToString("dddd, MMMM d, yyyy", Us)}, {TimeRange}";

    public static string Range(TimeOnly starts, TimeOnly ends) => $"{Time(starts)}–{Time(ends)}";

    private static string Time(TimeOnly time) => time.ToString("h:mm tt", Us).ToLowerInvariant();
}
