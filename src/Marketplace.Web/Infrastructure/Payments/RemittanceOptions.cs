namespace Marketplace.Web.Infrastructure.Payments;

/// <summary>
/// Where buyers send money that is not a card payment: printed on every invoice (remit-to) and, above the wire threshold,
/// as ACH/wire instructions. Configuration section <c>Remittance</c>; the bank details come from configuration or secrets,
/// never from code. Missing bank details are said so on the invoice rather than invented.
/// </summary>
public sealed class RemittanceOptions
{
    public const string Section = "Remittance";

    public string PayeeName { get; set; } = "K-12 Device Marketplace";

    /// <summary>The lockbox or street address checks are mailed to, one line per entry.</summary>
    public string[] Address { get; set; } = [];

    public string? BankName { get; set; }

    /// <summary>ABA routing number for ACH and domestic wires.</summary>
    public string? RoutingNumber { get; set; }

    public string? AccountNumber { get; set; }

    /// <summary>For international wires.</summary>
    public string? SwiftCode { get; set; }

    public string? RemittanceEmail { get; set; }

    public bool HasBankDetails => !string.IsNullOrWhiteSpace(RoutingNumber) && !string.IsNullOrWhiteSpace(AccountNumber);
}

/// <summary>Configuration section <c>Payments</c>: how large amounts are paid.</summary>
public sealed class PaymentTermsOptions
{
    public const string Section = "Payments";

    /// <summary>
    /// Above this amount (in the invoice's currency, USD) the buyer pays by ACH or wire: cards are not offered, since card
    /// fees (about 3%) on a large public purchase are money a district or school would rather not spend, and issuers
    /// decline large card charges. 25,000 USD unless configured.
    /// </summary>
    public decimal WireThreshold { get; set; } = 25_000m;
}
