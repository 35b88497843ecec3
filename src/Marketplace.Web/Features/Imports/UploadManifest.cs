using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 1: the district uploads a manifest to a draft lot; the headers are read at once, the rows later.</summary>
public static class UploadManifest
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).TableFileName();
            RuleFor(c => c.Content).TableContent(ImportJob.MaxFileBytes);
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
