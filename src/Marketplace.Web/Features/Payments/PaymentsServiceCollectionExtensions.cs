namespace Marketplace.Web.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>What paying an invoice sets in motion, shared by every way money arrives (purchase order, card webhook, finance).</summary>
    public static IServiceCollection AddInvoicePayments(this IServiceCollection services)
    {
        services.AddScoped<InvoiceSettlement>();
        services.AddScoped<StripeEvents>();
        return services;
    }
}
