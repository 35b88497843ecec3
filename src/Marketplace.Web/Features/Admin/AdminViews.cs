using AutoMapper;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Admin;

public sealed record EmailRow(string To, string Subject, string Body, DateTimeOffset SentAt, string? DeliveredVia);

public sealed record OutboxRow(Guid Id, string Type, DateTimeOffset CreatedAt, DateTimeOffset DueAt, int Attempts, string? LastError,
    DateTimeOffset? CompletedAt, DateTimeOffset? DeadAt);

public sealed record DeviceModelRow(Guid Id, string Name, string Manufacturer, DeviceCategory Category, DateOnly? AueDate, decimal? BasePrice);

public sealed record CategoryPriceRow(DeviceCategory Category, decimal BasePrice);

public sealed record PriceGuideView(decimal GradeA, decimal GradeB, decimal GradeC, decimal GradeD, decimal MinorFault, decimal NotWorking,
    decimal ForParts, int FullRunwayYears, decimal ExpiredRunwayFactor, decimal RangeSpread);

public sealed class AdminMappingProfile : Profile
{
    public AdminMappingProfile()
    {
        CreateMap<EmailMessage, EmailRow>();
        CreateMap<OutboxMessage, OutboxRow>();
        CreateMap<DeviceModel, DeviceModelRow>();
        CreateMap<CategoryPrice, CategoryPriceRow>();
        CreateMap<PriceGuide, PriceGuideView>();
    }
}
