using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Payments;

/// <summary>
/// Every Stripe event type the webhook handles, sent signed as Stripe sends them, with objects built from Stripe's
/// published fixtures; the local Stripe server answers the calls the handlers make and records them.
/// </summary>
public sealed class StripeMoneyEventTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_money";
    private const string DistrictAccount = "acct_1MapleValleySD";
    private LocalStripeServer _stripe = null!;
    private MarketplaceFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _stripe.TimeoutDelay = TimeSpan.FromSeconds(3);
        _factory = new MarketplaceFactory();
        _factory.Settings["Stripe:SecretKey"] = "sk_test_local";
        _factory.Settings["Stripe:WebhookSecret"] = WebhookSecret;
        _factory.Settings["Stripe:ApiBase"] = _stripe.Url;
        // The job's own retry is what these tests watch: Stripe.net's in-call retries are off, and a call gives up after 1 s.
        _factory.Settings["Stripe:MaxNetworkRetries"] = "0";
        _factory.Settings["Stripe:RequestTimeoutSeconds"] = "1";
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_card_checkout_sets_the_transfer_group_and_the_payment_and_its_stripe_fee_are_posted_once_however_often_stripe_sends_them()
    {
        var invoice = await CardCheckoutAsync();
        var checkout = Assert.Single(_stripe.Calls, c => c.Path == "/v1/checkout/sessions");
        Assert.Equal($"order-{invoice.OrderId}", checkout.Form["payment_intent_data[transfer_group]"]);
        Assert.Equal(invoice.Id.ToString(), checkout.Form["payment_intent_data[metadata][invoice_id]"]);
        _stripe.AddCharge("ch_3Paid", "pi_3Paid", 28300, fee: 851);

        var completed = Event("evt_completed", "checkout.session.completed", StripeShapes.Session(invoice.CheckoutSessionId!, "pi_3Paid", "paid", "complete", invoice.Id, 28300));
        var succeeded = Event("evt_pi_succeeded", "payment_intent.succeeded", StripeShapes.PaymentIntent("pi_3Paid", "ch_3Paid", 28300, invoice.Id));
        foreach (var body in (string[])[completed, succeeded, completed, succeeded])
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        }

        await _factory.WithDbAsync(async db =>
        {
            var paid = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            Assert.Equal((InvoiceStatus.Paid, "pi_3Paid", "ch_3Paid"), (paid.Status, paid.StripePaymentIntentId, paid.StripeChargeId));
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.StorefrontPayment));
            var fee = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.Source == LedgerSource.StripeFee);
            Assert.Equal("stripe-fee:ch_3Paid", fee.IdempotencyKey);
            Assert.Contains(fee.Entries, e => e is { Account: LedgerAccount.StripeFees, Debit: 8.51m });
            Assert.Contains(fee.Entries, e => e is { Account: LedgerAccount.StripeClearing, Credit: 8.51m });
            Assert.Equal(283m - 8.51m, await BalanceAsync(db, LedgerAccount.StripeClearing));
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_failed_or_expired_card_attempt_reopens_the_invoice_tells_the_buyer_and_a_new_attempt_gets_its_own_idempotency_key()
    {
        var invoice = await CardCheckoutAsync();
        await PostOkAsync(Event("evt_pi_failed", "payment_intent.payment_failed",
            StripeShapes.PaymentIntent("pi_3Declined", null, 28300, invoice.Id, "requires_payment_method", "Your card has insufficient funds.")));
        await PostOkAsync(Event("evt_async_failed", "checkout.session.async_payment_failed",
            StripeShapes.Session(invoice.CheckoutSessionId!, "pi_3Declined", "unpaid", "complete", invoice.Id, 28300)));

        var reopened = await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal((InvoiceStatus.Open, null, 1), (reopened.Status, reopened.CheckoutSessionId, reopened.FailedCardAttempts));
        Assert.Equal("The bank payment for the card checkout failed.", reopened.LastPaymentFailure);
        foreach (var subject in (string[])[$"Card payment for {invoice.Number} did not go through", $"Card payment for {invoice.Number} failed"])
        {
            await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Subject == subject)), subject);
        }

        await _factory.SendAsAsync("school@demo.k12", new StartCardPayment.Command(invoice.Id, new Uri("https://marketplace.test/paid"), new Uri("https://marketplace.test/cancel")));
        var retry = _stripe.Calls.Where(c => c.Path == "/v1/checkout/sessions").ToList();
        Assert.Equal([$"checkout-{invoice.Id}", $"checkout-{invoice.Id}-2"], retry.Select(c => c.IdempotencyKey));
        var second = await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.NotEqual(invoice.CheckoutSessionId, second.CheckoutSessionId);

        await PostOkAsync(Event("evt_expired", "checkout.session.expired", StripeShapes.Session(second.CheckoutSessionId!, null, "unpaid", "expired", invoice.Id, 28300)));
        var expired = await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal((InvoiceStatus.Open, null, 2), (expired.Status, expired.CheckoutSessionId, expired.FailedCardAttempts));
        Assert.False(await _factory.WithDbAsync(db => db.LedgerTransactions.AnyAsync(t => t.Source == LedgerSource.StorefrontPayment)));
    }

    [Fact]
    public async Task A_refund_that_arrives_before_its_payment_is_parked_and_applied_when_the_payment_arrives()
    {
        var invoice = await CardCheckoutAsync();
        var refund = StripeShapes.Refund("re_3Early", "ch_3Early", "pi_3Early", 10000);
        var refunded = Event("evt_refund_first", "charge.refunded", StripeShapes.Charge("ch_3Early", "pi_3Early", 28300, refund));

        var early = await PostAsync(refunded);

        Assert.Contains("parked", await early.Content.ReadAsStringAsync());
        await _factory.WithDbAsync(async db =>
        {
            Assert.False(await db.LedgerTransactions.AnyAsync(t => t.Source == LedgerSource.Refund));
            Assert.Equal("ch_3Early", (await db.ParkedStripeEvents.SingleAsync()).ChargeId);
        });

        await PostOkAsync(Event("evt_paid_later", "checkout.session.completed", StripeShapes.Session(invoice.CheckoutSessionId!, "pi_3Early", "paid", "complete", invoice.Id, 28300)));
        await PostOkAsync(refunded);

        await _factory.WithDbAsync(async db =>
        {
            var refundPosting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.Source == LedgerSource.Refund);
            Assert.Equal("refund:re_3Early", refundPosting.IdempotencyKey);
            Assert.Contains(refundPosting.Entries, e => e is { Account: LedgerAccount.StripeClearing, Credit: 100m });
            Assert.Equal(100m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
            Assert.NotNull((await db.ParkedStripeEvents.SingleAsync()).AppliedAt);
            Assert.Equal(183m, await BalanceAsync(db, LedgerAccount.StripeClearing));
        });
        await AssertLedgerBalancesAsync();
    }

    [Theory]
    [InlineData(StripeFault.Timeout)]
    [InlineData(StripeFault.ServerError)]
    [InlineData(StripeFault.RateLimited)]
    public async Task A_transfer_that_fails_once_is_retried_by_the_job_and_transfers_exactly_once(StripeFault fault)
    {
        var (lotId, invoice) = await CardPaidCertifiedLotAsync(1000m, "ch_3Lot", "pi_3Lot");
        _stripe.FailNext("/v1/transfers", 1, fault);

        await Assert.ThrowsAnyAsync<Exception>(() => _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId)));
        Assert.False(await _factory.WithDbAsync(db => db.Payouts.AnyAsync(p => p.LotId == lotId)));
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));

        var transfer = Assert.Single(_stripe.Created("transfer"));
        var calls = _stripe.Calls.Where(c => c.Path == "/v1/transfers").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal($"payout-{lotId}", c.IdempotencyKey));
        Assert.Equal("ch_3Lot", calls[1].Form["source_transaction"]);
        Assert.Equal($"lot-{lotId}", calls[1].Form["transfer_group"]);
        Assert.Equal(DistrictAccount, calls[1].Form["destination"]);
        Assert.Contains(_stripe.Calls, c => c is { Path: "/v1/balance", StripeAccount: DistrictAccount });
        var payout = await _factory.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.LotId == lotId));
        Assert.Equal((string?)transfer["id"], payout.Reference);
        Assert.Equal(payout.Amount * 100, (long)transfer["amount"]!);
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_refund_after_the_transfer_reverses_the_sellers_share_exactly_once_whichever_events_bring_it()
    {
        var (lotId, invoice) = await CardPaidCertifiedLotAsync(1000m, "ch_3Refund", "pi_3Refund");
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        var transferId = await _factory.WithDbAsync(db => db.Payouts.Where(p => p.LotId == lotId).Select(p => p.Reference!).SingleAsync());
        var refund = StripeShapes.Refund("re_3Partial", "ch_3Refund", "pi_3Refund", 30000);

        await PostOkAsync(Event("evt_refunded", "charge.refunded", StripeShapes.Charge("ch_3Refund", "pi_3Refund", Minor(invoice.Amount), refund)));
        await PostOkAsync(Event("evt_refund_updated", "charge.refund.updated", refund));
        await PostOkAsync(Event("evt_refunded", "charge.refunded", StripeShapes.Charge("ch_3Refund", "pi_3Refund", Minor(invoice.Amount), refund)));

        var proceeds = await ProceedsAsync(lotId);
        var share = decimal.Round(300m * proceeds / invoice.Amount, 2, MidpointRounding.AwayFromZero);
        var reversal = Assert.Single(_stripe.Created("transfer_reversal"));
        Assert.Equal(Minor(share), (long)reversal["amount"]!);
        Assert.Equal("reversal-re_3Partial", Assert.Single(_stripe.Calls, c => c.Path == $"/v1/transfers/{transferId}/reversals").IdempotencyKey);
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(share, (await db.Payouts.SingleAsync(p => p.LotId == lotId)).AmountReversed);
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.Refund));
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.TransferReversal));
            Assert.Equal(0m, (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount);
            Assert.Equal(300m - share, await BalanceAsync(db, LedgerAccount.Refunds));
        });

        // Stripe then reports the reversal we made on the transfer: already posted, nothing more.
        await PostOkAsync(Event("evt_transfer_reversed", "transfer.reversed",
            StripeShapes.Transfer(transferId, DistrictAccount, Minor(proceeds), ((string)reversal["id"]!, Minor(share)))));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.TransferReversal)));
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_lost_dispute_after_the_transfer_takes_back_the_sellers_share_and_posts_the_dispute_fee()
    {
        var (lotId, invoice) = await CardPaidCertifiedLotAsync(800m, "ch_3Lost", "pi_3Lost");
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        var amount = Minor(invoice.Amount);

        await PostOkAsync(Event("evt_dispute_open", "charge.dispute.created", StripeShapes.Dispute("dp_3Lost", "ch_3Lost", "pi_3Lost", amount, "needs_response")));
        Assert.Equal(invoice.Amount, await _factory.WithDbAsync(db => BalanceAsync(db, LedgerAccount.DisputedFunds)));
        await PostOkAsync(Event("evt_dispute_lost", "charge.dispute.closed", StripeShapes.Dispute("dp_3Lost", "ch_3Lost", "pi_3Lost", amount, "lost")));
        await PostOkAsync(Event("evt_dispute_lost_again", "charge.dispute.closed", StripeShapes.Dispute("dp_3Lost", "ch_3Lost", "pi_3Lost", amount, "lost")));

        var reversal = Assert.Single(_stripe.Created("transfer_reversal"));
        Assert.Equal("reversal-dp_3Lost", Assert.Single(_stripe.Calls, c => c.Path.EndsWith("/reversals", StringComparison.Ordinal)).IdempotencyKey);
        await _factory.WithDbAsync(async db =>
        {
            var payout = await db.Payouts.SingleAsync(p => p.LotId == lotId);
            Assert.Equal(payout.Amount, payout.AmountReversed);
            Assert.Equal(Minor(payout.Amount), (long)reversal["amount"]!);
            Assert.Equal(0m, await BalanceAsync(db, LedgerAccount.DisputedFunds));
            Assert.Equal(15m, await BalanceAsync(db, LedgerAccount.StripeFees));
            Assert.Equal(0m, (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount);
            Assert.Equal("lost", (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).DisputeStatus);
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task An_open_dispute_holds_the_payout_with_a_reason_and_a_won_dispute_releases_it()
    {
        var (lotId, invoice) = await CardPaidCertifiedLotAsync(900m, "ch_3Won", "pi_3Won");
        var amount = Minor(invoice.Amount);
        await PostOkAsync(Event("evt_dispute_won_open", "charge.dispute.created", StripeShapes.Dispute("dp_3Won", "ch_3Won", "pi_3Won", amount, "needs_response")));

        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));

        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/transfers");
        var held = await _factory.WithDbAsync(db => db.LotSettlements.AsNoTracking().SingleAsync(s => s.LotId == lotId));
        Assert.Contains("disputed", held.HoldReason);

        await PostOkAsync(Event("evt_dispute_won", "charge.dispute.closed", StripeShapes.Dispute("dp_3Won", "ch_3Won", "pi_3Won", amount, "won")));
        // The won dispute queues the held release; the app's own job sends it.
        await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(async db => await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.LotId == lotId)), "the payout after the won dispute");

        Assert.Single(_stripe.Created("transfer"));
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(0m, await BalanceAsync(db, LedgerAccount.DisputedFunds));
            Assert.Null((await db.LotSettlements.SingleAsync(s => s.LotId == lotId)).HoldReason);
            Assert.Equal(PayoutStatus.Sent, (await db.Payouts.SingleAsync(p => p.LotId == lotId)).Status);
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task Payouts_wait_with_stripes_requirements_until_account_updated_enables_them_and_a_negative_balance_holds_them_too()
    {
        var (lotId, _) = await CardPaidCertifiedLotAsync(700m, "ch_3Acct", "pi_3Acct");
        _stripe.AddAccount(DistrictAccount, payoutsEnabled: false, "external_account", "tos_acceptance.date");

        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));

        Assert.Contains(_stripe.Calls, c => c is { Method: "GET", Path: $"/v1/accounts/{DistrictAccount}" });
        var held = await _factory.WithDbAsync(db => db.LotSettlements.AsNoTracking().SingleAsync(s => s.LotId == lotId));
        Assert.Equal("payouts are not enabled on the Stripe connected account; Stripe still needs: external_account, tos_acceptance.date", held.HoldReason);
        var status = await _factory.QueryAsAsync("district@demo.k12", new GetStripeAccountStatus.Query());
        Assert.Equal((false, held.HoldReason), (status!.PayoutsEnabled, status.PayoutsBlockedBecause));

        _stripe.SetAvailableBalance(DistrictAccount, -2500);
        await PostOkAsync(Event("evt_account_enabled", "account.updated", StripeShapes.Account(DistrictAccount, payoutsEnabled: true)));
        // account.updated queues the held release; the app's job finds the negative balance.
        var negative = await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(async db =>
            await db.LotSettlements.AsNoTracking().SingleOrDefaultAsync(s => s.LotId == lotId && s.HoldReason != null && s.HoldReason.Contains("negative"))), "the hold for the negative balance");
        Assert.Equal("the Stripe connected account's balance is negative (-$25.00); a transfer would only cover Stripe's debit", negative.HoldReason);
        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/transfers");

        _stripe.SetAvailableBalance(DistrictAccount, 0);
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        Assert.Single(_stripe.Created("transfer"));
        var organization = await _factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.StripeAccountId == DistrictAccount));
        Assert.Equal((true, true, null), (organization.StripeChargesEnabled, organization.StripePayoutsEnabled, organization.StripeRequirementsDue));
    }

    [Fact]
    public async Task Transfer_and_payout_events_confirm_our_transfers_record_dashboard_reversals_and_move_stripe_clearing_to_cash()
    {
        var (lotId, _) = await CardPaidCertifiedLotAsync(1000m, "ch_3Events", "pi_3Events");
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        var payout = await _factory.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.LotId == lotId));
        var transfer = StripeShapes.Transfer(payout.Reference!, DistrictAccount, Minor(payout.Amount));

        await PostOkAsync(Event("evt_transfer_created", "transfer.created", transfer));
        await PostOkAsync(Event("evt_dashboard_reversal", "transfer.reversed", StripeShapes.Transfer(payout.Reference!, DistrictAccount, Minor(payout.Amount), ("trr_dashboard", 5000))));
        await PostOkAsync(Event("evt_payout_paid", "payout.paid", StripeShapes.Payout("po_3Platform", 20000, "paid")));
        await PostOkAsync(Event("evt_payout_failed", "payout.failed", StripeShapes.Payout("po_3Platform", 20000, "failed", "account_closed", "The bank account has been closed.")));
        await PostOkAsync(Event("evt_connected_payout_failed", "payout.failed", StripeShapes.Payout("po_3Connected", 9900, "failed", "no_account", "The bank account details are wrong."), DistrictAccount));

        await _factory.WithDbAsync(async db =>
        {
            var confirmed = await db.Payouts.SingleAsync(p => p.LotId == lotId);
            Assert.NotNull(confirmed.TransferConfirmedAt);
            Assert.Equal(50m, confirmed.AmountReversed);
            Assert.Equal(50m, (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount);
            Assert.Equal(0m, await BalanceAsync(db, LedgerAccount.Cash, LedgerSource.StripePayoutPaid, LedgerSource.StripePayoutFailed));
            Assert.Equal(2, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.StripePayoutPaid || t.Source == LedgerSource.StripePayoutFailed));
            Assert.Equal("The bank account details are wrong.", (await db.Organizations.SingleAsync(o => o.StripeAccountId == DistrictAccount)).StripePayoutFailure);
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task An_event_type_the_marketplace_does_not_act_on_is_acknowledged_and_changes_nothing()
    {
        var response = await PostAsync(Event("evt_customer", "customer.created", LocalStripeServer.Fixture("account")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ignored\":\"customer.created\"", await response.Content.ReadAsStringAsync());
        Assert.False(await _factory.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Key.Contains("evt_customer"))));
    }

    [Fact]
    public async Task Random_sequences_of_money_events_through_the_real_handlers_keep_every_transaction_balanced_and_the_sellers_money_whole()
    {
        for (var seed = 1; seed <= 12; seed++)
        {
            var random = new Random(seed);
            var charge = $"ch_seed{seed}";
            var intent = $"pi_seed{seed}";
            var fee = random.Next(0, 3000);
            var (lotId, invoice) = await CardPaidCertifiedLotAsync(random.Next(300, 3000), charge, intent, fee);
            var proceeds = await ProceedsAsync(lotId);
            var remaining = Minor(invoice.Amount);
            var sellerReturned = 0m;
            string? openDispute = null;
            var disputed = false;
            var sent = new List<(string Id, string Json)>();
            var step = 0;

            async Task SendAsync(string type, JsonObject data, string? account = null)
            {
                var id = $"evt_seed{seed}_{++step}";
                var json = LocalStripeServer.Event(id, type, data, account);
                sent.Add((id, json));
                await _factory.SendAsSystemAsync(new ApplyStripeEvent.Command(id, json));
            }

            for (var i = 0; i < 10; i++)
            {
                switch (random.Next(8))
                {
                    case 0:
                        await SendAsync("payment_intent.succeeded", StripeShapes.PaymentIntent(intent, charge, Minor(invoice.Amount), invoice.Id));
                        break;
                    case 1 when openDispute is null:
                        try
                        {
                            await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
                        }
                        catch (Exception e) when (e is DbUpdateException or Marketplace.Web.Domain.DomainException)
                        {
                            // The app's own job may run the same release at the same moment: one of them wins.
                        }

                        break;
                    case 2 or 3 when remaining > 0 && openDispute is null:
                        var amount = random.Next(2) == 0 ? remaining : random.NextInt64(1, remaining + 1);
                        var refund = StripeShapes.Refund($"re_seed{seed}_{i}", charge, intent, amount);
                        if (random.Next(2) == 0)
                        {
                            await SendAsync("charge.refunded", StripeShapes.Charge(charge, intent, Minor(invoice.Amount), refund));
                        }
                        else
                        {
                            await SendAsync("charge.refund.updated", refund);
                        }

                        remaining -= amount;
                        sellerReturned = remaining == 0 ? proceeds : sellerReturned + decimal.Round(amount / 100m * proceeds / invoice.Amount, 2, MidpointRounding.AwayFromZero);
                        break;
                    case 4 when remaining > 0 && openDispute is null && !disputed:
                        openDispute = $"dp_seed{seed}";
                        disputed = true;
                        await SendAsync("charge.dispute.created", StripeShapes.Dispute(openDispute, charge, intent, remaining, "needs_response"));
                        break;
                    case 5 when openDispute is not null:
                        var lost = random.Next(2) == 0;
                        await SendAsync("charge.dispute.closed", StripeShapes.Dispute(openDispute, charge, intent, remaining, lost ? "lost" : "won"));
                        if (lost)
                        {
                            sellerReturned = proceeds;
                            remaining = 0;
                        }
                        else
                        {
                            // The won dispute queues the release the dispute held: wait for the app's job so no step races it.
                            await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(async db =>
                                await db.LotSettlements.AsNoTracking().AnyAsync(s => s.LotId == lotId && (s.Status != SettlementStatus.Held || s.HoldReason == null || !s.HoldReason.Contains("disputed"))) ? "released" : null),
                                "the release after a won dispute");
                        }

                        openDispute = null;
                        break;
                    case 6:
                        // Like finance's payout schedule, the platform keeps back what it may still owe: refundable money, the
                        // district's unpaid proceeds, Stripe's fee not yet reported and a dispute fee.
                        var clearing = await _factory.WithDbAsync(db => BalanceAsync(db, LedgerAccount.StripeClearing));
                        var owed = await _factory.WithDbAsync(async db => (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount);
                        var free = clearing - remaining / 100m - owed - fee / 100m - 15m;
                        var payoutId = $"po_seed{seed}_{i}";
                        if (free >= 1)
                        {
                            await SendAsync("payout.paid", StripeShapes.Payout(payoutId, random.NextInt64(1, Minor(free) + 1), "paid"));
                            if (random.Next(3) == 0)
                            {
                                await SendAsync("payout.failed", StripeShapes.Payout(payoutId, 0, "failed", "account_closed"));
                            }
                        }

                        break;
                    default:
                        if (sent.Count > 0)
                        {
                            var (id, json) = sent[random.Next(sent.Count)];
                            await _factory.SendAsSystemAsync(new ApplyStripeEvent.Command(id, json));
                        }

                        break;
                }

                await AssertMoneyConsistentAsync(lotId, invoice, proceeds, sellerReturned, seed, i);
            }
        }

        await AssertLedgerBalancesAsync();
    }

    /// <summary>After every step: what the district is owed plus what it kept of its transfer is its proceeds less its share of what went back to the buyer.</summary>
    private async Task AssertMoneyConsistentAsync(Guid lotId, Invoice invoice, decimal proceeds, decimal sellerReturned, int seed, int step) =>
        await _factory.WithDbAsync(async db =>
        {
            var context = $"seed {seed}, step {step}";
            var payable = (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount;
            var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.LotId == lotId);
            var kept = payout is null ? 0 : payout.Amount - payout.AmountReversed;
            Assert.True(payable >= 0, $"{context}: district payable {payable} is negative");
            Assert.True(Math.Abs(payable + kept - (proceeds - sellerReturned)) <= 0.02m,
                $"{context}: payable {payable} + kept {kept} ≠ proceeds {proceeds} − returned {sellerReturned}");
            // Money with Stripe is its available balance plus what it holds for open disputes (a dispute after the transfer is
            // withdrawn from the platform's balance, the seller's share only reversed if lost). Stripe keeps its processing fee
            // when a charge is refunded, so only Stripe's fees may take that below zero, never a refund, transfer or payout.
            if (await BalanceAsync(db, LedgerAccount.StripeClearing) + await BalanceAsync(db, LedgerAccount.DisputedFunds)
                + await BalanceAsync(db, LedgerAccount.StripeFees) < 0)
            {
                var movements = await db.LedgerEntries.AsNoTracking().Where(e => e.Account == LedgerAccount.StripeClearing)
                    .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new { t.IdempotencyKey, e.Debit, e.Credit }).ToListAsync();
                Assert.Fail($"{context}: Stripe clearing is below what Stripe\u0027s fees took: {string.Join("; ", movements.Select(m => $"{m.IdempotencyKey} {m.Debit - m.Credit:0.00}"))}");
            }
            Assert.True(await BalanceAsync(db, LedgerAccount.DisputedFunds) >= 0, $"{context}: disputed funds are negative");
            var refunded = (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id)).RefundedAmount;
            Assert.InRange(refunded, 0m, invoice.Amount);
            var unbalanced = await db.LedgerEntries.GroupBy(e => e.TransactionId)
                .Select(g => new { g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
                .Where(g => g.Debits != g.Credits).CountAsync();
            Assert.True(unbalanced == 0, $"{context}: {unbalanced} unbalanced transaction(s)");
        });

    private async Task AssertLedgerBalancesAsync() =>
        await _factory.WithDbAsync(async db =>
        {
            var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).ToListAsync();
            Assert.All(transactions, t => Assert.True(t.Entries.Sum(e => e.Debit) == t.Entries.Sum(e => e.Credit), $"{t.IdempotencyKey} does not balance"));
            Assert.Equal(transactions.Sum(t => t.Entries.Sum(e => e.Debit)), transactions.Sum(t => t.Entries.Sum(e => e.Credit)));
        });

    /// <summary>An account's balance on its normal side over the whole ledger (or only the sources named).</summary>
    private static async Task<decimal> BalanceAsync(MarketplaceDb db, LedgerAccount account, params LedgerSource[] sources)
    {
        var lines = await db.LedgerEntries.Where(e => e.Account == account
                && (sources.Length == 0 || db.LedgerTransactions.Any(t => t.Id == e.TransactionId && sources.Contains(t.Source))))
            .Select(e => new { e.Debit, e.Credit }).ToListAsync();
        return ChartOfAccounts.Of(account).Balance(lines.Sum(l => l.Debit), lines.Sum(l => l.Credit));
    }

    private Task<decimal> ProceedsAsync(Guid lotId) =>
        _factory.WithDbAsync(async db => (await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
            .SingleAsync(t => t.LotId == lotId && t.Source == LedgerSource.LotSale)).Entries.Where(e => e.Account == LedgerAccount.DistrictPayable).Sum(e => e.Credit));

    /// <summary>A certified lot whose buyer paid by card (charge <paramref name="charge"/> on Stripe), sold by a district with a connected account.</summary>
    private async Task<(Guid LotId, Invoice Invoice)> CardPaidCertifiedLotAsync(decimal hammer, string charge, string paymentIntent, long fee = 0)
    {
        var sample = await _factory.SaveCertifiedAsync(hammer);
        var invoice = await _factory.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.LotId == sample.Id);
            // The sample was paid by ACH; this buyer paid by card, so the payment is posted to Stripe clearing instead.
            var ach = await db.LedgerTransactions.Where(t => t.IdempotencyKey == $"payment:{invoice.Id}").Select(t => t.Id).SingleAsync();
            await db.LedgerEntries.Where(e => e.TransactionId == ach).ExecuteDeleteAsync();
            await db.LedgerTransactions.Where(t => t.Id == ach).ExecuteDeleteAsync();
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment(paymentIntent, charge);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, sample.Lot.DistrictId));
            (await db.Organizations.SingleAsync(o => o.Id == sample.Lot.DistrictId)).StripeAccountId = DistrictAccount;
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge(charge, paymentIntent, Minor(invoice.Amount), fee, $"lot-{sample.Id}");
        _stripe.AddAccount(DistrictAccount, payoutsEnabled: true);
        return (sample.Id, invoice);
    }

    private async Task<Invoice> CardCheckoutAsync()
    {
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "2" });
        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.Card),
            ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId != null));
    }

    private static long Minor(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private static string Event(string id, string type, JsonObject data, string? account = null) => LocalStripeServer.Event(id, type, data, account);

    private async Task PostOkAsync(string payload)
    {
        var response = await PostAsync(payload);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpResponseMessage> PostAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", LocalStripeServer.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
        return await BrowserClient.Anonymous(_factory).Http.SendAsync(request);
    }
}
