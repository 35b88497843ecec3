using FluentValidation;
using Marketplace.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// Turns refused commands into what a person can act on: a form post goes back to the page it came
/// from with the reason shown; a missing or foreign record is a 404; a forbidden action is a 403.
/// </summary>
public sealed class CommandFailureFilter(ITempDataDictionaryFactory tempDataFactory) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        switch (context.Exception)
        {
            case NotFoundException:
                context.Result = new NotFoundResult();
                break;
            case ForbiddenException:
                context.Result = new ForbidResult();
                break;
            case ValidationException validation:
                Back(context, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()));
                break;
            case DomainException domain:
                context.Result = Refusal.Back(context.HttpContext, tempDataFactory, domain.Message, domain.Remedy);
                break;
            case DbUpdateConcurrencyException:
                Back(context, "Someone else changed this record at the same time. The page now shows the latest version; please try again.");
                break;
            default:
                return;
        }

        context.ExceptionHandled = true;
    }

    private void Back(ExceptionContext context, string message) => context.Result = Refusal.Back(context.HttpContext, tempDataFactory, message);
}

public static class Flash
{
    public const string Error = "flash-error";
    public const string Success = "flash-success";

    /// <summary>A page where the refused request's cause can be put right (a path of this app), and the link's words.</summary>
    public const string ErrorLinkPath = "flash-error-link";
    public const string ErrorLinkText = "flash-error-link-text";
}
