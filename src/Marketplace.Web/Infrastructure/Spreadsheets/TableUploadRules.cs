namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>What every table upload checks before reading it: a CSV or .xlsx by its name, not empty, not too large.</summary>
public static class TableUploadRules
{
    public static readonly string[] Extensions = [".csv", ".txt", ".tsv", ".xlsx"];

    public static IRuleBuilderOptions<T, string> TableFileName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Choose a CSV or .xlsx file to upload.")
            .Must(name => Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            .WithMessage((_, name) => $"\"{name}\" is not a CSV or .xlsx file. Export the sheet as CSV or Excel workbook (.xlsx); old .xls files must be saved as .xlsx first.");

    public static IRuleBuilderOptions<T, byte[]> TableContent<T>(this IRuleBuilder<T, byte[]> rule, long maxBytes) =>
        rule.Must(c => c.Length > 0).WithMessage("The file is empty.")
            .Must(c => c.LongLength <= maxBytes).WithMessage($"The file is larger than {maxBytes / 1024 / 1024} MB; split it into several files.");
}
