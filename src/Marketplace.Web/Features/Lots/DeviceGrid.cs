using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
public sealed record DeviceGridView(Guid LotId, DevicePage Page, string BaseUrl, bool Editable, bool ShowSanitization, string EmptyText);

public sealed record DevicePage(IReadOnlyList<DeviceRow> Rows, int Total, int LotTotal, int Page, int Pages, DeviceFilter Filter);

public static class GetLotDevices
{
    /// <summary>The district owner and the buyer see a lot's devices; refurbishers too while it is listed.</summary>
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff)]
    public sealed record Query(Guid LotId, DeviceFilter Filter) : IQuery<DevicePage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper) : IQueryHandler<Query, DevicePage>
    {
        public async ValueTask<DevicePage> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var visible = await db.Lots.AnyAsync(l => l.Id == query.LotId
                && (l.DistrictId == organizationId || l.BuyerId == organizationId || (l.Status == LotStatus.Listed && user.IsInRole(Roles.RefurbisherStaff))), cancellationToken);
            if (!visible)
            {
                throw new NotFoundException("Lot");
            }

            return await ReadAsync(db, mapper, query.LotId, query.Filter, cancellationToken);
        }

        internal static async Task<DevicePage> ReadAsync(MarketplaceDb db, IMapper mapper, Guid lotId, DeviceFilter filter, CancellationToken cancellationToken)
        {
            var lotDevices = db.Devices.Where(d => d.LotId == lotId);
            var lotTotal = await lotDevices.CountAsync(cancellationToken);
            var matching = filter.Apply(lotDevices);
            var total = filter.IsFiltered ? await matching.CountAsync(cancellationToken) : lotTotal;
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)DeviceFilter.PageSize));
            var page = Math.Clamp(filter.Page, 1, pages);
            var rows = await filter.Order(matching)
                .Skip((page - 1) * DeviceFilter.PageSize).Take(DeviceFilter.PageSize)
                .ProjectTo<DeviceRow>(mapper.ConfigurationProvider)
                .ToListAsync(cancellationToken);
            return new DevicePage(rows, total, lotTotal, page, pages, filter with { Page = page });
        }
    }
}

/// <summary>Bulk edit or removal of devices in a draft lot: the ticked rows, or every device matching the filter.</summary>
public static class BulkEditDevices
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, IReadOnlyList<Guid> DeviceIds, bool AllMatching, DeviceFilter Filter, bool Remove,
        CosmeticGrade? Grade, DeviceCategory? Category, DeclaredSanitization? Sanitization, FundingSource? Funding) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DeviceIds).NotEmpty().When(c => !c.AllMatching).WithMessage("Tick at least one device, or choose every device matching the filter.");
            RuleFor(c => c).Must(c => c.Remove || c.Grade is not null || c.Category is not null || c.Sanitization is not null || c.Funding is not null)
                .WithMessage("Choose at least one field to change.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotHeaderAsync(command.LotId, user, cancellationToken);
            lot.EnsureDraft(command.Remove ? "Removing devices" : "Editing devices");
            var devices = db.Devices.Where(d => d.LotId == lot.Id);
            devices = command.AllMatching ? command.Filter.Apply(devices) : devices.Where(d => command.DeviceIds.Contains(d.Id));
            VersionInterceptor.Touch(db, lot);
            if (command.Remove)
            {
                return await devices.ExecuteDeleteAsync(cancellationToken);
            }

            return await devices.ExecuteUpdateAsync(set =>
            {
                if (command.Grade is { } grade)
                {
                    set.SetProperty(d => d.Grade, grade);
                }

                if (command.Category is { } category)
                {
                    set.SetProperty(d => d.Category, category);
                }

                if (command.Sanitization is { } sanitization)
                {
                    set.SetProperty(d => d.DeclaredSanitization, sanitization);
                }

                if (command.Funding is { } funding)
                {
                    set.SetProperty(d => d.FundingSource, funding);
                }
            }, cancellationToken);
        }
    }
}
