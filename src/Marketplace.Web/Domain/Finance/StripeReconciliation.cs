namespace Marketplace.Web.Domain.Finance;

/// <summary>What the ledger posted about one Stripe object (a charge, refund, transfer, reversal, dispute or payout).</summary>
/// <param name="ClearingNet">Debits less credits on Stripe clearing: what the object moved in the platform's Stripe balance.</param>
/// <param name="Fees">Debits less credits on Stripe fees: what Stripe kept for it.</param>
public sealed record LedgerStripeMovement(string StripeId, Guid TransactionId, LedgerSource Source, string Description, decimal ClearingNet, decimal Fees,
    Guid? LotId, Guid? OrderId);

/// <summary>One of Stripe's balance transactions, in major units (its amount is gross, its fee what Stripe kept).</summary>
public sealed record StripeSideMovement(string Id, string Type, string? Source, decimal Amount, decimal Fee);

public enum ReconciliationDifferenceKind
{
    /// <summary>Stripe moved money the ledger has no posting for.</summary>
    InStripeNotInLedger,

    /// <summary>The ledger posted a Stripe movement Stripe does not show in the period.</summary>
    InLedgerNotInStripe,

    /// <summary>Both know the object but disagree on the gross amount.</summary>
    GrossMismatch,

    /// <summary>Both know the object but disagree on Stripe's fee.</summary>
    FeeMismatch,
}

/// <summary>One line of the reconciliation's list of differences, with both sides' figures (null where a side has none).</summary>
public sealed record ReconciliationDifference(ReconciliationDifferenceKind Kind, string StripeId, string What, decimal? StripeGross, decimal? StripeFee,
    decimal? LedgerGross, decimal? LedgerFee, Guid? LotId, Guid? OrderId)
{
    public decimal Difference => Kind switch
    {
        ReconciliationDifferenceKind.FeeMismatch => (StripeFee ?? 0) - (LedgerFee ?? 0),
        _ => (StripeGross ?? 0) - (LedgerGross ?? 0),
    };
}

/// <summary>
/// The ledger against Stripe's balance transactions for one period, matched by Stripe's object id (a balance
/// transaction's <c>source</c>: ch_, re_, tr_, trr_, dp_, po_). Several balance transactions of one source (a dispute's
/// withdrawal and reinstatement) and several postings of one object (a charge's payment and its fee) are summed on each
/// side first, so what is compared is the object's whole effect: gross as Stripe counts it (the ledger's Stripe clearing
/// movement plus the fees it posted) and the fee.
/// </summary>
public sealed record StripeReconciliation(int Matched, int StripeCount, int LedgerCount, decimal StripeNet, decimal LedgerNet,
    IReadOnlyList<ReconciliationDifference> Differences)
{
    public bool IsClean => Differences.Count == 0;

    public static StripeReconciliation Of(IEnumerable<StripeSideMovement> stripe, IEnumerable<LedgerStripeMovement> ledger)
    {
        var stripeById = stripe.GroupBy(s => s.Source ?? s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Type: string.Join(", ", g.Select(s => s.Type).Distinct()), Gross: g.Sum(s => s.Amount), Fee: g.Sum(s => s.Fee)),
                StringComparer.Ordinal);
        var ledgerById = ledger.GroupBy(l => l.StripeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (What: string.Join("; ", g.Select(l => l.Description).Distinct()), Gross: g.Sum(l => l.ClearingNet + l.Fees),
                Fee: g.Sum(l => l.Fees), g.Select(l => l.LotId).FirstOrDefault(id => id is not null), g.Select(l => l.OrderId).FirstOrDefault(id => id is not null)),
                StringComparer.Ordinal);

        var differences = new List<ReconciliationDifference>();
        var matched = 0;
        foreach (var (id, s) in stripeById.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!ledgerById.TryGetValue(id, out var l))
            {
                differences.Add(new(ReconciliationDifferenceKind.InStripeNotInLedger, id, s.Type, s.Gross, s.Fee, null, null, null, null));
                continue;
            }

            var agrees = true;
            if (s.Gross != l.Gross)
            {
                differences.Add(new(ReconciliationDifferenceKind.GrossMismatch, id, l.What, s.Gross, s.Fee, l.Gross, l.Fee, l.Item4, l.Item5));
                agrees = false;
            }

            if (s.Fee != l.Fee)
            {
                differences.Add(new(ReconciliationDifferenceKind.FeeMismatch, id, l.What, s.Gross, s.Fee, l.Gross, l.Fee, l.Item4, l.Item5));
                agrees = false;
            }

            matched += agrees ? 1 : 0;
        }

        foreach (var (id, l) in ledgerById.Where(p => !stripeById.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            differences.Add(new(ReconciliationDifferenceKind.InLedgerNotInStripe, id, l.What, null, null, l.Gross, l.Fee, l.Item4, l.Item5));
        }

        return new StripeReconciliation(matched, stripeById.Count, ledgerById.Count, stripeById.Values.Sum(s => s.Gross - s.Fee),
            ledgerById.Values.Sum(l => l.Gross - l.Fee), differences);
    }

    /// <summary>
    /// The Stripe object a posting is about, read from its idempotency key (LedgerPostings names each Stripe posting after
    /// the Stripe id that caused it). Payments and transfers are keyed by our own ids; their Stripe ids come from the invoice's
    /// charge and the payout's transfer, which the caller looks up (<paramref name="chargeOfInvoice"/>, <paramref name="transferOfPayout"/>).
    /// </summary>
    public static string? StripeIdOf(string idempotencyKey, Func<Guid, string?> chargeOfInvoice, Func<Guid, string?> transferOfPayout)
    {
        var colon = idempotencyKey.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var (prefix, rest) = (idempotencyKey[..colon], idempotencyKey[(colon + 1)..]);
        return prefix switch
        {
            "payment" => Guid.TryParse(rest, out var invoiceId) ? chargeOfInvoice(invoiceId) : null,
            "payout-sent" => Guid.TryParse(rest, out var payoutId) ? transferOfPayout(payoutId) : null,
            // A refund recorded from a charge's refunded total (no refund id in the event) is keyed "{charge}:{amount}".
            "refund" or "refund-failed" when rest.Contains(':', StringComparison.Ordinal) => null,
            "stripe-fee" or "refund" or "refund-failed" or "transfer-reversal" or "dispute-opened" or "dispute-won" or "dispute-fee" or "stripe-payout"
                or "stripe-payout-failed" => rest,
            _ => null,
        };
    }

    /// <summary>The invoice ids and payout ids whose Stripe ids <see cref="StripeIdOf"/> needs looked up.</summary>
    public static (IReadOnlyList<Guid> Invoices, IReadOnlyList<Guid> Payouts) IdsToLookUp(IEnumerable<string> idempotencyKeys)
    {
        var invoices = new List<Guid>();
        var payouts = new List<Guid>();
        foreach (var key in idempotencyKeys)
        {
            if (key.StartsWith("payment:", StringComparison.Ordinal) && Guid.TryParse(key["payment:".Length..], out var invoice))
            {
                invoices.Add(invoice);
            }
            else if (key.StartsWith("payout-sent:", StringComparison.Ordinal) && Guid.TryParse(key["payout-sent:".Length..], out var payout))
            {
                payouts.Add(payout);
            }
        }

        return (invoices, payouts);
    }
}
