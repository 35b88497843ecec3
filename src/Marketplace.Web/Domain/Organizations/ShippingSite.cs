using System.Text.RegularExpressions;
using Marketplace.Web.Domain.Market;

namespace Marketplace.Web.Domain.Organizations;

/// <summary>What an organization admin types for one of its sites' shipping address.</summary>
public sealed record ShippingSiteDetails(string? Name, string? Attention, string? Street1, string? Street2, string? City, string? State, string? PostalCode);

/// <summary>
/// A school site an organization ships storefront orders to (its own building, or one of a district's schools). Retired
/// rather than deleted: orders placed to it keep a snapshot of its address, and a retired site is simply no longer offered.
/// </summary>
public sealed partial class ShippingSite : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public string Name { get; private set; } = "";
    public string? Attention { get; private set; }
    public string Street1 { get; private set; } = "";
    public string? Street2 { get; private set; }
    public string City { get; private set; } = "";

    /// <summary>The USPS two-letter code of a state, DC or Puerto Rico: the state whose sales tax rate applies.</summary>
    public string State { get; private set; } = "";

    /// <summary>A ZIP (NNNNN) or ZIP+4 (NNNNN-NNNN).</summary>
    public string PostalCode { get; private set; } = "";

    public DateTimeOffset? RetiredAt { get; private set; }
    public int Version { get; set; }

    public bool IsActive => RetiredAt is null;

    public static ShippingSite Create(Guid organizationId, ShippingSiteDetails details)
    {
        var site = new ShippingSite { OrganizationId = organizationId };
        site.Change(details);
        return site;
    }

    /// <summary>Later orders ship to the new address; orders already placed keep the one they were placed with.</summary>
    public void Change(ShippingSiteDetails details)
    {
        var problems = Problems(details);
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        Name = details.Name!.Trim();
        Attention = Blank(details.Attention);
        Street1 = details.Street1!.Trim();
        Street2 = Blank(details.Street2);
        City = details.City!.Trim();
        State = details.State!.Trim().ToUpperInvariant();
        PostalCode = NormalizedZip(details.PostalCode!);
    }

    public void Retire(DateTimeOffset at)
    {
        if (RetiredAt is not null)
        {
            throw new DomainException($"{Name} is already retired.");
        }

        RetiredAt = at;
    }

    public void Restore()
    {
        if (RetiredAt is null)
        {
            throw new DomainException($"{Name} is in use, not retired.");
        }

        RetiredAt = null;
    }

    /// <summary>The address as a carrier's label reads it, one line each: what an order keeps.</summary>
    public string Label => string.Join('\n', new[] { Name, Attention is null ? null : $"Attn: {Attention}", Street1, Street2, $"{City}, {State} {PostalCode}" }
        .Where(l => !string.IsNullOrWhiteSpace(l)));

    /// <summary>Each problem of the details, naming its field, in the form's order.</summary>
    public static IReadOnlyList<string> Problems(ShippingSiteDetails details)
    {
        var problems = new List<string>();
        Text(details.Name, "Site name", 120, required: true);
        Text(details.Attention, "Attention", 120, required: false);
        Text(details.Street1, "Street", 200, required: true);
        Text(details.Street2, "Street (second line)", 200, required: false);
        Text(details.City, "City", 100, required: true);
        var state = details.State?.Trim().ToUpperInvariant() ?? "";
        if (state.Length == 0)
        {
            problems.Add("State: choose the site's state.");
        }
        else if (!UsGeography.StateCenters.ContainsKey(state))
        {
            problems.Add($"State: \"{details.State!.Trim()}\" is not a US state's two-letter code (e.g. WA, OR, DC).");
        }

        var zip = details.PostalCode?.Trim() ?? "";
        if (zip.Length == 0)
        {
            problems.Add("ZIP: enter the site's ZIP code.");
        }
        else if (!Zip().IsMatch(zip))
        {
            problems.Add($"ZIP: \"{zip}\" is not a ZIP code; enter 5 digits (98034) or ZIP+4 (98034-1234).");
        }

        return problems;

        void Text(string? value, string field, int max, bool required)
        {
            var trimmed = value?.Trim() ?? "";
            if (required && trimmed.Length == 0)
            {
                problems.Add($"{field}: required.");
            }
            else if (trimmed.Length > max)
            {
                problems.Add($"{field}: at most {max} characters.");
            }
        }
    }

    private static string NormalizedZip(string zip)
    {
        var digits = new string(zip.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 9 ? $"{digits[..5]}-{digits[5..]}" : digits;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\d{5}(-?\d{4})?$")]
    private static partial Regex Zip();
}
