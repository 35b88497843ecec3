using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Condition words other marketplaces export, mapped to our cosmetic grade and (where the word says it) functional status.
/// The mapping is conservative: a word promises no better than the grade it maps to.
/// eBay's refurbished conditions (Certified and Excellent: like new; Very Good: minimal wear; Good: moderate wear) map to
/// A, A, B, C; Back Market's Fair (visible scratches or dents) is C; Amazon's "Acceptable" (heavy wear) is D; Amazon Renewed's "no visible imperfections at arm's length" is our grade A; a bare
/// "Refurbished" promises nothing about looks, so it is B; "For parts" and "Not working" name the functional status.
/// </summary>
public static class ListingConditions
{
    public sealed record Condition(CosmeticGrade Grade, FunctionalStatus? Functional);

    private static readonly Dictionary<string, Condition> Words = new(StringComparer.Ordinal)
    {
        ["a"] = new(CosmeticGrade.A, null), ["gradea"] = new(CosmeticGrade.A, null), ["excellent"] = new(CosmeticGrade.A, null),
        ["likenew"] = new(CosmeticGrade.A, null), ["openbox"] = new(CosmeticGrade.A, null), ["newother"] = new(CosmeticGrade.A, null),
        ["renewed"] = new(CosmeticGrade.A, null), ["renewedpremium"] = new(CosmeticGrade.A, null), ["premium"] = new(CosmeticGrade.A, null),
        ["certifiedrefurbished"] = new(CosmeticGrade.A, null), ["excellentrefurbished"] = new(CosmeticGrade.A, null), ["mint"] = new(CosmeticGrade.A, null),
        ["b"] = new(CosmeticGrade.B, null), ["gradeb"] = new(CosmeticGrade.B, null), ["verygood"] = new(CosmeticGrade.B, null),
        ["verygoodrefurbished"] = new(CosmeticGrade.B, null), ["refurbished"] = new(CosmeticGrade.B, null), ["sellerrefurbished"] = new(CosmeticGrade.B, null),
        ["c"] = new(CosmeticGrade.C, null), ["gradec"] = new(CosmeticGrade.C, null), ["good"] = new(CosmeticGrade.C, null),
        ["goodrefurbished"] = new(CosmeticGrade.C, null), ["used"] = new(CosmeticGrade.C, null),
        ["fair"] = new(CosmeticGrade.C, null), ["d"] = new(CosmeticGrade.D, null), ["graded"] = new(CosmeticGrade.D, null),
        ["acceptable"] = new(CosmeticGrade.D, null), ["poor"] = new(CosmeticGrade.D, null),
        ["forparts"] = new(CosmeticGrade.D, FunctionalStatus.ForParts), ["forpartsornotworking"] = new(CosmeticGrade.D, FunctionalStatus.ForParts),
        ["partsonly"] = new(CosmeticGrade.D, FunctionalStatus.ForParts), ["notworking"] = new(CosmeticGrade.D, FunctionalStatus.NotWorking),
    };

    private static readonly Dictionary<string, FunctionalStatus> Functions = new(StringComparer.Ordinal)
    {
        ["working"] = FunctionalStatus.Working, ["fullyworking"] = FunctionalStatus.Working, ["fullyfunctional"] = FunctionalStatus.Working,
        ["tested"] = FunctionalStatus.Working, ["minorfault"] = FunctionalStatus.MinorFault, ["minorissue"] = FunctionalStatus.MinorFault,
        ["notworking"] = FunctionalStatus.NotWorking, ["broken"] = FunctionalStatus.NotWorking, ["forparts"] = FunctionalStatus.ForParts,
        ["partsonly"] = FunctionalStatus.ForParts,
    };

    public const string Accepted = "A, B, C, D (or Grade A…), Excellent, Like new, Open box, Renewed, Renewed Premium, Certified refurbished, Very good, " +
                                   "Refurbished, Good, Used, Fair, Acceptable, Poor, For parts, Not working";

    public const string AcceptedFunctional = "Working, Minor fault, Not working, For parts";

    public static Condition? Read(string word) => Words.GetValueOrDefault(UploadedTable.NormalizeHeader(word));

    public static FunctionalStatus? ReadFunctional(string word) => Functions.GetValueOrDefault(UploadedTable.NormalizeHeader(word));
}
