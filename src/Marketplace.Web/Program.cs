using Marketplace.Web.Features;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Web;
using Marketplace.Web.Jobs;
using Serilog;

AppCulture.Apply();

var builder = WebApplication.CreateBuilder(args).ServeStaticFilesFromAnyDirectory();
var role = new AppRole(builder.Configuration["App:Role"]);

builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

builder.Services.AddSingleton(role);
builder.Services.AddMarketplaceData(builder.Configuration);
builder.Services.AddMarketplaceIdentity(builder.Configuration);
builder.Services.AddMarketplacePipeline(builder.Configuration);
builder.Services.AddMarketplaceFeatures();
builder.Services.AddMarketplaceJobs(builder.Configuration, role);
builder.Services.AddMarketplacePayments(builder.Configuration);
builder.Services.AddMarketplaceEmail(builder.Configuration);
builder.Services.AddMarketplaceWeb(builder.Configuration);

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseMarketplaceWeb();
app.MapMarketplaceEndpoints();

await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
