using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>What the device grid shows: a search, three filters, a sort and a page.</summary>
public sealed record DeviceFilter(
    string? Search = null,
    DeviceCategory? Category = null,
    CosmeticGrade? Grade = null,
    FundingSource? Funding = null,
    string Sort = "serial",
    bool Desc = false,
    int Page = 1)
{
    public const int PageSize = 50;

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || Category is not null || Grade is not null || Funding is not null;

    public IQueryable<Device> Apply(IQueryable<Device> devices)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            devices = devices.Where(d => d.Serial.Contains(term) || (d.AssetTag != null && d.AssetTag.Contains(term)) || d.Model.Contains(term));
        }

        if (Category is { } category)
        {
            devices = devices.Where(d => d.Category == category);
        }

        if (Grade is { } grade)
        {
            devices = devices.Where(d => d.Grade == grade);
        }

        if (Funding is { } funding)
        {
            devices = devices.Where(d => d.FundingSource == funding);
        }

        return devices;
    }

    public IQueryable<Device> Order(IQueryable<Device> devices) => (Sort, Desc) switch
    {
        ("tag", false) => devices.OrderBy(d => d.AssetTag).ThenBy(d => d.Serial),
        ("tag", true) => devices.OrderByDescending(d => d.AssetTag).ThenBy(d => d.Serial),
        ("model", false) => devices.OrderBy(d => d.Model).ThenBy(d => d.Serial),
        ("model", true) => devices.OrderByDescending(d => d.Model).ThenBy(d => d.Serial),
        ("category", false) => devices.OrderBy(d => d.Category).ThenBy(d => d.Serial),
        ("category", true) => devices.OrderByDescending(d => d.Category).ThenBy(d => d.Serial),
        ("grade", false) => devices.OrderBy(d => d.Grade).ThenBy(d => d.Serial),
        ("grade", true) => devices.OrderByDescending(d => d.Grade).ThenBy(d => d.Serial),
        ("aue", false) => devices.OrderBy(d => d.AueDate).ThenBy(d => d.Serial),
        ("aue", true) => devices.OrderByDescending(d => d.AueDate).ThenBy(d => d.Serial),
        ("funding", false) => devices.OrderBy(d => d.FundingSource).ThenBy(d => d.Serial),
        ("funding", true) => devices.OrderByDescending(d => d.FundingSource).ThenBy(d => d.Serial),
        (_, true) => devices.OrderByDescending(d => d.Serial),
        _ => devices.OrderBy(d => d.Serial),
    };

    /// <summary>Query string for this filter with some values replaced, for sort links and pages (page 0 = leave the page out).</summary>
    public string ToQuery(string? sort = null, bool? desc = null, int? page = null)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                parts.Add($"{key}={Uri.EscapeDataString(text)}");
            }
        }

        Add("search", Search);
        Add("category", Category);
        Add("grade", Grade);
        Add("funding", Funding);
        Add("sort", sort ?? Sort);
        Add("desc", (desc ?? Desc) ? "true" : null);
        Add("page", (page ?? Page) is > 0 and var p ? p : null);
        return "?" + string.Join("&", parts);
    }
}

/// <summary>Model of the _DeviceGrid partial.</summary>
public sealed record DeviceGridView(Guid LotId, DevicePage Page, string BaseUrl, bool Editable, bool ShowSanitization, string EmptyText)
{
    /// <summary>Serials link to each device's chain of custody (the district's pages, once the lot is no longer editable).</summary>
    public bool LinksHistory { get; init; }
}

public sealed record DevicePage(IReadOnlyList<DeviceRow> Rows, int Total, int LotTotal, int Page, int Pages, DeviceFilter Filter);
