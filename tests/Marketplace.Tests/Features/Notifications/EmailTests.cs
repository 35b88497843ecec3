using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Notifications;

public sealed class EmailTests
{
    [Fact]
    public async Task With_an_SMTP_host_configured_mail_goes_out_over_SMTP_and_is_logged()
    {
        await using var smtp = new LocalSmtpServer();
        await using var factory = new MarketplaceFactory();
        smtp.Receive(factory);
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

    [Fact]
    public async Task Mail_composed_before_its_transaction_goes_to_the_people_who_hold_the_duty_when_it_is_sent()
    {
        // The messages are composed ahead of the transaction; someone deactivated in between must not receive theirs.
        await using var factory = new DeactivatingFactory("inventory@demo.k12");
        var district = await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Name == "Maple Valley School District"));
        var holders = await factory.WithDbAsync(db => db.Users.Where(u => u.OrganizationId == district.Id && u.Email != null && u.DeactivatedAt == null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.DistrictInventory)))
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync());
        Assert.Contains("inventory@demo.k12", holders);

        await factory.SendAsSystemAsync(new SendEmail.Command(district.Id, "Pickup tomorrow", "Dock B.", [Roles.DistrictInventory]));

        var sent = await factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().OrderBy(e => e.To).Select(e => e.To).ToListAsync());
        Assert.Equal(holders.Where(h => h != "inventory@demo.k12"), sent);
        var files = Directory.GetFiles(Path.Combine(factory.DataFolder, "mail"), "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(sent.Count, files.Count);
        Assert.DoesNotContain(files, eml => eml.Contains("To: inventory@demo.k12", StringComparison.Ordinal));
        // The message staged for the person deactivated meanwhile was dropped, not left behind.
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataFolder, "mail", PickupFolderEmailSender.StagingFolder)));
    }

    [Fact]
    public async Task A_pickup_file_is_written_ahead_under_a_staging_name_and_appears_in_the_folder_only_when_delivered()
    {
        await using var factory = new MarketplaceFactory();
        var sender = Assert.IsType<PickupFolderEmailSender>(factory.Services.GetRequiredService<IEmailSender>());
        var folder = Path.Combine(factory.DataFolder, "mail");
        var staging = Path.Combine(folder, PickupFolderEmailSender.StagingFolder);
        var delivered = sender.Compose("school@demo.k12", "Order shipped", "Tracking 1Z999.", []);
        var dropped = sender.Compose("school@demo.k12", "Never sent", "A run that found its row completed.", []);
        // Left by a process that stopped between staging and delivery, long enough ago to be abandoned.
        Directory.CreateDirectory(staging);
        var abandoned = Path.Combine(staging, "20260101-000000-abandoned.eml");
        await File.WriteAllTextAsync(abandoned, "Subject: abandoned");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-1));

        sender.Stage([delivered, dropped]);

        Assert.False(File.Exists(abandoned));
        Assert.Equal(2, Directory.GetFiles(staging, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.eml"));

        var path = Assert.Single(await sender.DeliverAsync([delivered], CancellationToken.None));
        sender.Unstage([delivered, dropped]);

        Assert.Equal([path], Directory.GetFiles(folder, "*.eml"));
        Assert.Contains("Subject: Order shipped", await File.ReadAllTextAsync(path));
        Assert.Empty(Directory.GetFiles(staging));
        // A message never staged (one composed inside the transaction) is written and delivered all the same.
        var composedLate = sender.Compose("school@demo.k12", "Invoice attached", "See the PDF.", []);
        var late = Assert.Single(await sender.DeliverAsync([composedLate], CancellationToken.None));
        Assert.Contains("Subject: Invoice attached", await File.ReadAllTextAsync(late));
        Assert.Empty(Directory.GetFiles(staging));
    }

    [Fact]
    public async Task The_emails_one_command_queues_for_several_organizations_go_out_in_one_job_each_to_its_own_people()
    {
        await using var smtp = new LocalSmtpServer();
        await using var factory = new MarketplaceFactory();
        smtp.Receive(factory);
        var (district, school) = await factory.WithDbAsync(async db => (
            await db.Organizations.Where(o => o.Name == "Maple Valley School District").Select(o => o.Id).SingleAsync(),
            await db.Organizations.Where(o => o.Name == "Lakeside Elementary School").Select(o => o.Id).SingleAsync()));
        var subject = $"Lot handed over {Guid.NewGuid():N}";

        // One command's changes, as the transaction behavior saves them; then a later command's in the same scope.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Marketplace.Web.Data.MarketplaceDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<Marketplace.Web.Jobs.Outbox>();
            outbox.Email(district, subject, "Collected at dock B.", Roles.DistrictInventory);
            outbox.Email(school, subject, "On its way to you.", Roles.SchoolBuyer);
            await db.SaveChangesAsync();
            outbox.Email(school, subject + " (later)", "A later command's own job.");
            await db.SaveChangesAsync();
        }

        var rows = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Payload.Contains(subject)).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal([typeof(SendEmail.Letters).FullName, typeof(SendEmail.Letters).FullName], rows.Select(r => r.Type));
        Assert.Equal(2, (await factory.WithDbAsync(db => QueuedEmails.WithSubjectAsync(db, subject))).Count);

        await factory.Services.GetRequiredService<Marketplace.Web.Jobs.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await MarketplaceFactory.EventuallyAsync(
            async () => await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(subject) && m.CompletedAt != null)) == 2 ? "sent" : null,
            "both jobs to complete");

        var sent = await factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.To).Select(e => new { e.To, e.Body }).ToListAsync());
        Assert.Equal(["district@demo.k12", "inventory@demo.k12", "school@demo.k12"], sent.Select(e => e.To));
        Assert.Equal(["Collected at dock B.", "Collected at dock B.", "On its way to you."], sent.Select(e => e.Body));
        var logged = await factory.WithDbAsync(db => db.EmailMessages.CountAsync(e => e.Subject.StartsWith(subject)));
        Assert.Equal(logged, smtp.Recipients.Count);
    }

    /// <summary>Deactivates one person right after the e-mail's messages are composed, before its transaction begins.</summary>
    private sealed class DeactivatingFactory(string email) : MarketplaceFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<Marketplace.Web.Infrastructure.Pipeline.IPreparation<SendEmail.Command>>(sp =>
                new Deactivate(sp.GetRequiredService<Marketplace.Web.Data.MarketplaceDb>(), email)));
        }
    }

    private sealed class Deactivate(Marketplace.Web.Data.MarketplaceDb db, string email) : Marketplace.Web.Infrastructure.Pipeline.IPreparation<SendEmail.Command>
    {
        public async ValueTask PrepareAsync(SendEmail.Command message, CancellationToken cancellationToken) =>
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow), cancellationToken);
    }
}
