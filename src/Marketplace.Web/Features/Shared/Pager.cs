namespace Marketplace.Web.Features.Shared;

/// <summary>Model of the _Pager partial: page links are <see cref="UrlPrefix"/> followed by the page number.</summary>
public sealed record Pager(int Page, int Pages, string UrlPrefix)
{
    /// <summary>The navigation landmark's name: two pagers on one page need different ones.</summary>
    public string Label { get; init; } = "Pages";

    public string Url(int page) => UrlPrefix + page;
}
