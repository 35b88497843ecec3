using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Organizations;

public sealed record SignUpForm(
    OrganizationKind Kind = OrganizationKind.District, string LegalName = "", string Street = "", string City = "", string State = "",
    string PostalCode = "", string Phone = "", string Ein = "", string? NcesId = null, bool PrivateSchool = false,
    string ApplicantName = "", string Email = "", string Password = "");

/// <summary>Anyone: a district, school or refurbisher applies to the marketplace.</summary>
[AllowAnonymous]
[Route("signup")]
public sealed class SignUpController(ISender sender) : MarketplaceController(sender)
{
    private const string SentTo = "signup-sent-to";

    [HttpGet("")]
    public IActionResult SignUp() => View("SignUp", new SignUpForm());

    [HttpPost("")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignUp(SignUpForm form)
    {
        await Sender.Send(new SignUp.Command(form.Kind, form.LegalName ?? "", form.Street ?? "", form.City ?? "", form.State ?? "", form.PostalCode ?? "",
            form.Phone ?? "", form.Ein ?? "", form.NcesId, form.PrivateSchool, form.ApplicantName ?? "", form.Email ?? "", form.Password ?? ""), Aborted);
        TempData[SentTo] = form.Email?.Trim();
        return RedirectToAction(nameof(CheckEmail));
    }

    /// <summary>The same page whether the address was new or already had an account.</summary>
    [HttpGet("check-email")]
    public IActionResult CheckEmail() => View("CheckEmail", TempData[SentTo] as string);
}
