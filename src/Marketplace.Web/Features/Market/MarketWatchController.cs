using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Market;

/// <summary>Refurbishers: the personal watchlist and saved searches of the lot marketplace.</summary>
[Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
[Route("market")]
public sealed class MarketWatchController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("watchlist")]
    public async Task<IActionResult> Watchlist() => View("Watchlist", await Sender.Send(new ListWatchlist.Query(), Aborted));

    [HttpPost("lots/{id:guid}/watch")]
    public async Task<IActionResult> Watch(Guid id, string? returnUrl)
    {
        await Sender.Send(new WatchLot.Command(id), Aborted);
        Success("Added to your watchlist. You will get an e-mail a day before it closes.");
        return BackTo(returnUrl, id);
    }

    [HttpPost("lots/{id:guid}/unwatch")]
    public async Task<IActionResult> Unwatch(Guid id, string? returnUrl)
    {
        await Sender.Send(new UnwatchLot.Command(id), Aborted);
        Success("Removed from your watchlist.");
        return BackTo(returnUrl, id);
    }

    [HttpGet("searches")]
    public async Task<IActionResult> Searches() => View("Searches", await Sender.Send(new ListSavedSearches.Query(), Aborted));

    [HttpPost("searches")]
    public async Task<IActionResult> SaveSearch(string? name, string? query)
    {
        await Sender.Send(new SaveSearch.Command(name ?? "", query), Aborted);
        Success($"Search “{name?.Trim()}” saved. You will get an e-mail when a newly listed lot matches it.");
        return Redirect("/market/searches");
    }

    [HttpPost("searches/{id:guid}/delete")]
    public async Task<IActionResult> DeleteSearch(Guid id)
    {
        await Sender.Send(new DeleteSavedSearch.Command(id), Aborted);
        Success("Saved search deleted.");
        return Redirect("/market/searches");
    }

    /// <summary>Back to the list or page the button was on (this site's own pages only), else the lot's page.</summary>
    private RedirectResult BackTo(string? returnUrl, Guid lotId) =>
        Redirect(returnUrl is { Length: > 0 and < 2000 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/market", StringComparison.Ordinal)
            ? returnUrl
            : $"/market/lots/{lotId}");
}
