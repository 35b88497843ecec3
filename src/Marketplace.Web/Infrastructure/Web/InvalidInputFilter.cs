using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// Refuses a post whose values did not bind, before the action runs. Without it a value that does not convert
/// ("Category=99", "quantity=abc", "2027-02-30") leaves its parameter at the default and the command goes through
/// with a value nobody chose, under a success message. Also refuses control characters in any posted field: no field
/// of this app stores them, and they break exports, e-mails and the serial chain downstream. Either way the person
/// goes back to the form with every field named, as for any other refusal. Reads (GET) keep their lenient binding:
/// they save nothing, and a search box should not fail on a stray letter in a page number.
/// </summary>
public sealed class InvalidInputFilter(ITempDataDictionaryFactory tempDataFactory) : IActionFilter, IOrderedFilter
{
    private const int MaxReasons = 3;

    // Before every other action filter: nothing should act on values that did not bind.
    public int Order => int.MinValue;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || context.ActionDescriptor.EndpointMetadata.OfType<HandlesModelErrorsAttribute>().Any())
        {
            return;
        }

        var reasons = ControlCharacters(http).Concat(BindingFailures(context.ModelState)).Distinct().Take(MaxReasons + 1).ToList();
        if (reasons.Count > 0)
        {
            var message = string.Join(" ", reasons.Take(MaxReasons)) + (reasons.Count > MaxReasons ? " Other fields have problems too." : "");
            context.Result = Refusal.Back(http, tempDataFactory, message);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    private static IEnumerable<string> BindingFailures(ModelStateDictionary modelState)
    {
        var failures =
            from entry in modelState
            where entry.Value.ValidationState == ModelValidationState.Invalid
            from error in entry.Value.Errors
            let reason = string.IsNullOrEmpty(error.ErrorMessage) ? $"\"{Refusal.Shown(entry.Value.AttemptedValue)}\" is not a valid value." : error.ErrorMessage
            select (entry.Key, Reason: reason);

        // A dictionary entry's value is reported under its full key (map[Serial]) and again under the bare one: keep the full one.
        return failures.GroupBy(f => f.Reason)
            .Select(g => g.MaxBy(f => f.Key.Length))
            .Select(f => f.Key.Length == 0 ? f.Reason : $"{Refusal.FieldLabel(f.Key)}: {f.Reason}");
    }

    /// <summary>C0 and C1 controls but tab, CR and LF (which text areas send), in any posted field.</summary>
    private static IEnumerable<string> ControlCharacters(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            yield break;
        }

        foreach (var (key, values) in http.Request.Form)
        {
            foreach (var value in values)
            {
                if (value is not null && FirstControl(value) is { } control)
                {
                    yield return $"{Refusal.FieldLabel(key)}: \"{Refusal.Shown(value)}\" contains the control character {Refusal.CodePoint(control)}, which no field accepts; remove it.";
                }
            }
        }
    }

    private static char? FirstControl(string value)
    {
        foreach (var ch in value)
        {
            if (char.IsControl(ch) && ch is not ('\t' or '\r' or '\n'))
            {
                return ch;
            }
        }

        return null;
    }
}

/// <summary>The action reads <c>ModelState</c> itself (the sign-in page shows its errors beside the fields; the error page binds nothing it needs).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class HandlesModelErrorsAttribute : Attribute;
