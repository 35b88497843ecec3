using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Features.Sales;

/// <summary>The amounts of a listing's terms, each named; whether they make a sale together is the domain's question (<see cref="SaleTerms.Problems"/>).</summary>
public sealed class SaleTermsValidator : AbstractValidator<SaleTerms>
{
    private const decimal Largest = 100_000_000m;

    public SaleTermsValidator()
    {
        RuleFor(t => t.Mode).IsInEnum().WithMessage("Sale mode: choose request for quotes, sealed bid, auction or buy now.");
        RuleFor(t => t.StartPrice).InclusiveBetween(0.01m, Largest).When(t => t.StartPrice is not null).WithMessage("Start price: between $0.01 and $100,000,000.");
        RuleFor(t => t.MinimumIncrement).InclusiveBetween(0.01m, Largest).When(t => t.MinimumIncrement is not null).WithMessage("Bid increment: between $0.01 and $100,000,000.");
        RuleFor(t => t.ReservePrice).InclusiveBetween(0.01m, Largest).When(t => t.ReservePrice is not null).WithMessage("Reserve price: between $0.01 and $100,000,000.");
        RuleFor(t => t.BuyNowPrice).InclusiveBetween(0.01m, Largest).When(t => t.BuyNowPrice is not null).WithMessage("Buy-now price: between $0.01 and $100,000,000.");
        RuleFor(t => t.SoftCloseMinutes).InclusiveBetween(1, 60).WithMessage("Soft close: between 1 and 60 minutes.");
    }
}
