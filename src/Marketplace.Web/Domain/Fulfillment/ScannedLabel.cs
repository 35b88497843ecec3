using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>
/// What a barcode scanner (or a person) typed at the dock: a serial, an asset tag, or the app's own asset label, whose QR
/// code reads <c>SN:5CD123;TAG:MV-0001</c> and is matched by its serial. <see cref="Value"/> is the key scans are matched and
/// kept unique by: normalized as serials are (<see cref="SerialNumber.Normalize"/>) and in upper case, so "5cd123" and
/// "5CD123" are one scan.
/// </summary>
public sealed record ScannedLabel(string Raw, string Value)
{
    public const int MaxRawLength = 200;
    private const string LabelPrefix = "SN:";

    /// <exception cref="DomainException">Nothing was scanned, or it cannot be a serial or asset tag.</exception>
    public static ScannedLabel Read(string? raw)
    {
        var text = SerialNumber.Normalize(raw) ?? throw new DomainException("Scan a label, or type a serial number or asset tag.");
        var value = text;
        if (text.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var end = text.IndexOf(';', StringComparison.Ordinal);
            value = (end < 0 ? text[LabelPrefix.Length..] : text[LabelPrefix.Length..end]).Trim();
        }

        if (value.Length == 0)
        {
            throw new DomainException($"\"{Shown(text)}\" holds no serial number.");
        }

        if (value.Length > SerialNumber.MaxLength)
        {
            throw new DomainException($"\"{Shown(text)}\" is longer than a serial number or asset tag ({SerialNumber.MaxLength} characters): was another barcode scanned?");
        }

        if (SerialNumber.Problem(value) is { } problem)
        {
            throw new DomainException(problem);
        }

        return new ScannedLabel(Cut(text), value.ToUpperInvariant());
    }

    private static string Cut(string text) => text.Length > MaxRawLength ? text[..MaxRawLength] : text;

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
