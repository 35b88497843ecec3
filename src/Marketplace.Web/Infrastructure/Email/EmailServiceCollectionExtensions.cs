namespace Marketplace.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddMarketplaceEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        if (!string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:SmtpHost"]))
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }

        return services;
    }
}
