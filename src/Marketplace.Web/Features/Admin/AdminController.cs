using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>Platform admin: reference data, e-mail log, outbox, the certificate chain. Organizations are reviewed at /admin/organizations; the job dashboard is at /admin/jobs.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin")]
public sealed class AdminController(ISender sender) : MarketplaceController(sender)
{
    /// <summary>Admins start at the organizations waiting for review (<c>Features/Organizations</c>).</summary>
    [HttpGet("")]
    public IActionResult Index() => Redirect("/admin/organizations");

    [HttpGet("models")]
    public async Task<IActionResult> Models() => View(await Sender.Send(new ListDeviceModels.Query(), Aborted));

    [HttpPost("models")]
    public async Task<IActionResult> SaveModel(Guid? id, string name, string manufacturer, DeviceCategory category, string? aue, decimal? basePrice)
    {
        DateOnly? aueDate = string.IsNullOrWhiteSpace(aue) ? null
            : DateOnly.TryParseExact(aue + "-01", "yyyy-MM-dd", out var month) ? month
            : throw new DomainException($"\"{aue}\" is not a month: use the YYYY-MM picker.");
        await Sender.Send(new SaveDeviceModel.Command(id, name ?? "", manufacturer ?? "", category, aueDate, basePrice), Aborted);
        Success($"Saved {name}.");
        return RedirectToAction(nameof(Models));
    }

    [HttpPost("models/{id:guid}/delete")]
    public async Task<IActionResult> DeleteModel(Guid id)
    {
        await Sender.Send(new DeleteDeviceModel.Command(id), Aborted);
        Success("Model removed from the reference table.");
        return RedirectToAction(nameof(Models));
    }

    [HttpPost("price-guide")]
    public async Task<IActionResult> SavePriceGuide(SavePriceGuide.Command command)
    {
        await Sender.Send(command, Aborted);
        Success("Price guide saved. The estimates of draft and listed lots are being updated with it.");
        return RedirectToAction(nameof(Models));
    }

    [HttpGet("emails")]
    public async Task<IActionResult> Emails(int page = 1) => View(await Sender.Send(new ListEmails.Query(page), Aborted));

    [HttpGet("certificates")]
    public async Task<IActionResult> Certificates() => View(await Sender.Send(new CheckCertificateChain.Query(), Aborted));

    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox() => View(await Sender.Send(new ListOutbox.Query(), Aborted));

    [HttpPost("outbox/{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id)
    {
        await Sender.Send(new RetryOutboxMessage.Command(id), Aborted);
        Success("The message will be dispatched again within seconds.");
        return RedirectToAction(nameof(Outbox));
    }
}
