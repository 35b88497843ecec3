using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Verify;

public sealed record VerifyPage(string? Code, VerifyCertificate.Result? Certificate);

/// <summary>Public: anyone holding a certificate (or its QR code) can check it is genuine.</summary>
public sealed class VerifyController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("/verify")]
    public async Task<IActionResult> Index(string? code) =>
        string.IsNullOrWhiteSpace(code) ? View(new VerifyPage(null, null)) : await Show(code);

    [HttpGet("/verify/{code}")]
    public async Task<IActionResult> Show(string code, string? serial = null)
    {
        var certificate = code.Length > 32 || serial?.Length > 64 ? null : await Sender.Send(new VerifyCertificate.Query(code, serial), Aborted);
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View("Index", new VerifyPage(code, certificate));
    }
}
