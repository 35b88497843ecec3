using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
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

        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Pickup tomorrow", "Loading dock B, 8–10 am.", [Roles.DistrictApprover]));

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

        await factory.SendAsSystemAsync(new SendEmail.Command(school.Id, "Order shipped", "Tracking 1Z999.", [Roles.SchoolBuyer]));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataFolder, "mail"), "*.eml"));
        var eml = await File.ReadAllTextAsync(file);
        Assert.Contains("To: school@demo.k12", eml);
        Assert.Contains("Subject: Order shipped", eml);

        var admin = await BrowserClient.SignInAsync(factory, "admin@demo.k12");
        var page = await admin.GetPageAsync("/admin/emails");
        Assert.Contains("Order shipped", page);
        Assert.Contains(file, page);
    }

    [Fact]
    public async Task Organization_mail_reaches_the_people_holding_the_duties_it_concerns_and_everyone_when_it_names_none()
    {
        await using var factory = new MarketplaceFactory();
        var district = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Name == "Maple Valley School District"));

        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Pickup tomorrow", "Dock B.", [Roles.DistrictInventory]));
        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "New quote", "A quote arrived.", [Roles.DistrictApprover]));
        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Certificate ready", "Download it."));
        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Nobody holds this", "Still delivered.", [Roles.DistrictViewer]));

        var sent = await factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().OrderBy(e => e.To).Select(e => new { e.Subject, e.To }).ToListAsync());
        string[] To(string subject) => sent.Where(e => e.Subject == subject).Select(e => e.To).ToArray();
        Assert.Equal(["district@demo.k12", "inventory@demo.k12"], To("Pickup tomorrow"));
        Assert.Equal(["district@demo.k12"], To("New quote"));
        Assert.Equal(["district@demo.k12", "inventory@demo.k12"], To("Certificate ready"));
        Assert.Equal(["district@demo.k12", "inventory@demo.k12"], To("Nobody holds this"));
    }
}
