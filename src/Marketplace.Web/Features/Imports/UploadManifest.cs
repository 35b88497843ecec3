using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Features.Lots;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 1: the district uploads a manifest to a draft lot; the headers are read at once, the rows later.</summary>
public static class UploadManifest
{
    private static readonly string[] Extensions = [".csv", ".txt", ".tsv", ".xlsx"];

    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a CSV or .xlsx file to upload.")
                .Must(name => Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                .WithMessage(c => $"\"{c.FileName}\" is not a CSV or .xlsx file. Export the sheet as CSV or Excel workbook (.xlsx); old .xls files must be saved as .xlsx first.");
            RuleFor(c => c.Content).Must(c => c.Length > 0).WithMessage("The file is empty.")
                .Must(c => c.LongLength <= ImportJob.MaxFileBytes).WithMessage($"The file is larger than {ImportJob.MaxFileBytes / 1024 / 1024} MB; split it into several files.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            lot.EnsureDraft("Importing devices");
            ManifestReader reader;
            try
            {
                reader = ManifestReader.Open(command.FileName, command.Content);
            }
            catch (ManifestFormatException ex)
            {
                throw new DomainException(ex.Message);
            }

            var job = new ImportJob
            {
                LotId = lot.Id,
                OrganizationId = lot.DistrictId,
                FileName = Path.GetFileName(command.FileName).Truncate(255),
                FileBytes = command.Content.LongLength,
                HeaderJson = reader.Head().ToJson(),
                Preset = ManifestFields.DetectPreset(reader.Headers),
                CreatedAt = clock.Now,
            };
            db.ImportJobs.Add(job);
            db.ImportFiles.Add(new ImportFile { ImportJobId = job.Id, Content = command.Content });
            return job.Id;
        }
    }
}
