using AutoMapper;
using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

/// <summary>An import as its pages show it.</summary>
public sealed record ImportJobView(Guid Id, Guid LotId, string FileName, ImportPreset Preset, ImportStatus Status, int TotalRows, int ValidRows,
    int IssueCount, int HeaderNotes, int RowsLeftOut, int RowProblems, int ImportedRows, string? FailureMessage, bool IsWorking);

public sealed record ImportIssueRow(int Row, string? Column, string? Value, string Reason);

public sealed class ImportMappingProfile : Profile
{
    public ImportMappingProfile()
    {
        CreateMap<ImportJob, ImportJobView>();
        CreateMap<ImportIssue, ImportIssueRow>();
    }
}
