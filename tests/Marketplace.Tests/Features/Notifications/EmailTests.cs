using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Notifications;

public sealed class EmailTests
{
    [Fact]
    public async Task With_an_SMTP_host_configured_mail_goes_out_over_SMTP_and_is_logged()
    {
        await using var smtp = new LocalSmtpServer();
        await using var factory = new MarketplaceFactory();
        factory.Settings["Email:SmtpHost"] = "127.0.0.1";
        factory.Settings["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Email:SmtpStartTls"] = "false";
        var district = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Name == "Maple Valley School District"));

        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Pickup tomorrow", "Loading dock B, 8–10 am."));

        Assert.Equal(["district@demo.k12"], smtp.Recipients);
        var message = Assert.Single(smtp.Messages);
        Assert.Contains("Subject: Pickup tomorrow", message);
        Assert.Contains("Loading dock B", message);
        var logged = await factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().SingleAsync());
        Assert.Equal(("district@demo.k12", "smtp:127.0.0.1"), (logged.To, logged.DeliveredVia));
    }

    [Fact]
    public async Task Without_SMTP_mail_is_written_to_the_pickup_folder_and_listed_for_admins()
    {
        await using var factory = new MarketplaceFactory();
        var school = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Name == "Lakeside Elementary School"));

        await factory.SendAsSystemAsync(new SendEmail.Command(school.Id, "Order shipped", "Tracking 1Z999."));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataFolder, "mail"), "*.eml"));
        var eml = await File.ReadAllTextAsync(file);
        Assert.Contains("To: school@demo.k12", eml);
        Assert.Contains("Subject: Order shipped", eml);

        var admin = await BrowserClient.SignInAsync(factory, "admin@demo.k12");
        var page = await admin.GetPageAsync("/admin/emails");
        Assert.Contains("Order shipped", page);
        Assert.Contains(file, page);
    }
}
