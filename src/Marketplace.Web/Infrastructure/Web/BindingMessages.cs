using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// What a value that does not bind is told, by the type it should have been: "\"abc\" is not a whole number" says more
/// than MVC's "The value 'abc' is not valid". <see cref="InvalidInputFilter"/> puts the field's name in front.
/// </summary>
public sealed class BindingMessages : IBindingMetadataProvider
{
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        var expected = Expected(type);
        if (expected is null)
        {
            return;
        }

        var messages = context.BindingMetadata.ModelBindingMessageProvider is { } original ? new DefaultModelBindingMessageProvider(original) : new DefaultModelBindingMessageProvider();
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value, expected));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Invalid(value, expected));
        messages.SetValueIsInvalidAccessor(value => Invalid(value, expected));
        messages.SetValueMustNotBeNullAccessor(_ => $"a value is required ({expected}).");
        context.BindingMetadata.ModelBindingMessageProvider = messages;
    }

    private static string Invalid(string? value, string expected) => $"\"{Refusal.Shown(value)}\" is not {expected}.";

    private static string? Expected(Type type) => type switch
    {
        _ when type.IsEnum => $"one of the choices ({string.Join(", ", Enum.GetNames(type))})",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number in range",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date (YYYY-MM-DD)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "a valid reference",
        _ => null,
    };
}
