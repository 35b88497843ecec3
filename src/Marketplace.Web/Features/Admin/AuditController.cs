using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>Platform admin: the whole audit trail, searched, filtered and exported.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/audit")]
public sealed class AuditController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Audit([FromQuery] AuditSearch filter, int page = 1) =>
        View(await Sender.Send(new SearchAuditTrail.Query(filter, page), Aborted));

    [HttpGet("export.csv")]
    public Task<IActionResult> ExportCsv([FromQuery] AuditSearch filter) => Export(filter, AuditExportFormat.Csv);

    [HttpGet("export.xlsx")]
    public Task<IActionResult> ExportXlsx([FromQuery] AuditSearch filter) => Export(filter, AuditExportFormat.Xlsx);

    private async Task<IActionResult> Export(AuditSearch filter, AuditExportFormat format)
    {
        var file = await Sender.Send(new ExportAuditTrail.Query(filter, format), Aborted);
        return File(file.Content, file.ContentType, file.FileName);
    }
}
