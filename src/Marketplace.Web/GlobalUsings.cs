// What nearly every use case imports: the database, the domain's exceptions and roles, the clock, the
// current user and the message shape (request, validator, handler). Namespaces that only some areas use
// (Domain.Lots, Domain.Finance, Jobs…) stay local: several share type names (Quote, Invoice, Payout)
// with Stripe, and an area's imports say which parts of the app it depends on.
global using FluentValidation;
global using Marketplace.Web.Data;
global using Marketplace.Web.Domain;
global using Marketplace.Web.Infrastructure;
global using Marketplace.Web.Infrastructure.Identity;
global using Marketplace.Web.Infrastructure.Pipeline;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
