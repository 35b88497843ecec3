namespace Marketplace.Web.Features.Payments;

/// <summary>What a buyer's page shows about paying an invoice: its terms and due date, its PDF and, above the wire threshold, the bank.</summary>
public sealed record InvoiceRemittanceView(Guid InvoiceId, string Number, decimal Amount, DateOnly DueOn, int NetTermsDays, string? PurchaseOrder, bool Open);
