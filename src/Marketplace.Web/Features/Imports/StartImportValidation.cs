using System.Text.Json;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 3: the district confirms the mapping; validation of every row runs in the background.</summary>
public static class StartImportValidation
{
    [AllowedRoles(Roles.DistrictInventory)]
    /// <param name="Statuses">How devices of each asset status are listed; kinds not given keep their defaults.</param>
    public sealed record Command(Guid JobId, IReadOnlyDictionary<ManifestField, int> Mapping,
        IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect>? Statuses = null) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Mapping).Must(m => m.Values.Distinct().Count() == m.Count)
                .WithMessage("Each column can fill only one field; two fields point at the same column.");
            RuleForEach(c => c.Statuses).Must(s => AssetStatuses.Configurable.Contains(s.Key) && Enum.IsDefined(s.Value))
                .When(c => c.Statuses is not null)
                .WithMessage("Choose how broken, beyond-repair and archived devices are listed from the choices offered.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(command.JobId, user, cancellationToken);
            var headers = ManifestHead.FromJson(job.HeaderJson);
            if (!command.Mapping.ContainsKey(ManifestField.Serial))
            {
                // Checked here rather than in the validator: the message describes this file's own columns.
                throw new DomainException(ManifestFields.NoSerialExplanation(headers.Headers, headers.UnusableColumns, job.Preset)
                                          ?? "Choose the column that holds the serial number: every device is tracked by its serial.");
            }

            if (command.Mapping.Values.Any(i => i < 0 || i >= headers.Headers.Count || headers.UnusableColumns.Contains(i)))
            {
                throw new DomainException("A chosen column does not exist or has a blank or duplicate header.");
            }

            job.StartValidation(ImportMappingJson.Write(ManifestMapping.Of(command.Mapping, command.Statuses)));
            var remembered = JsonSerializer.Serialize(command.Mapping.ToDictionary(m => m.Key, m => headers.Headers[m.Value]));
            var headerSet = ManifestFields.HeaderSet(headers.Headers);
            var saved = await db.ImportMappings.SingleOrDefaultAsync(m => m.OrganizationId == job.OrganizationId && m.HeaderSet == headerSet, cancellationToken);
            if (saved is null)
            {
                db.ImportMappings.Add(new ImportMapping { OrganizationId = job.OrganizationId, HeaderSet = headerSet, MappingJson = remembered, UpdatedAt = clock.Now });
            }
            else
            {
                saved.MappingJson = remembered;
                saved.UpdatedAt = clock.Now;
            }

            await db.ImportIssues.Where(i => i.ImportJobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            outbox.Enqueue(new ValidateImport.Command(job.Id));
            return Unit.Value;
        }
    }
}
