namespace Marketplace.Web.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>What paying an invoice sets in motion, shared by every way money arrives (purchase order, card webhook, finance).</summary>
    public static IServiceCollection AddInvoicePayments(this IServiceCollection services)
    {
        services.AddScoped<InvoiceSettlement>();
        services.AddScoped<StripeEvents>();
        services.AddOptions<Infrastructure.Payments.RemittanceOptions>().BindConfiguration(Infrastructure.Payments.RemittanceOptions.Section);
        services.AddOptions<Infrastructure.Payments.PaymentTermsOptions>().BindConfiguration(Infrastructure.Payments.PaymentTermsOptions.Section)
            .Validate(o => o.WireThreshold > 0, "Payments:WireThreshold must be a positive amount.").ValidateOnStart();
        return services;
    }
}
