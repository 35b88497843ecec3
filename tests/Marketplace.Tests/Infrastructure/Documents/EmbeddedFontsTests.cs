using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>
/// The embedded fonts are subsets (SkiaSharp embeds a font whole in every PDF): they must still draw every character the
/// documents print and the names districts and refurbishers write, and keep documents small.
/// </summary>
public sealed class EmbeddedFontsTests
{
    public static TheoryData<string> Texts => new()
    {
        // What the documents themselves print.
        "NIST SP 800-88 Rev. 2 § 4.6 · 3 × 2 – 5 — “quoted” ‘quoted’ … ⅝ in → $1,234.56 € £ ± ° © ® ™ • ✓ ✗",
        // People, schools and streets the way US districts spell them.
        "Zoë Núñez-Łukasiewicz, François Dœuf, Søren Åberg, Ðặng Thị Hồng, Şükrü Çelik, İlker Öztürk, Žofie Dvořáková, Mỹ Nguyễn",
        "Παπαδόπουλος, Иванова Мария Сергеевна, Ґрінченко, Ørsted Elementary, Coeur d’Alene, São Tomé High, Zürich Straße",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Both_faces_draw_every_character(string text)
    {
        var missing = text.EnumerateRunes()
            .Where(r => !EmbeddedFonts.Regular.ContainsGlyph(r.Value) || !EmbeddedFonts.Bold.ContainsGlyph(r.Value))
            .Select(r => $"{r} (U+{r.Value:X4})").Distinct().ToList();

        Assert.True(missing.Count == 0, $"printed as empty boxes: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_character_in_the_documents_source_is_covered()
    {
        var documents = MigrationTests.RepositoryFile(Path.Combine("src", "Marketplace.Web", "Infrastructure", "Documents"));
        var printed = Directory.EnumerateFiles(documents, "*.cs").SelectMany(file => File.ReadAllText(file).EnumerateRunes())
            .Where(r => r.Value > 0x7F).Distinct().ToList();

        Assert.NotEmpty(printed);
        Assert.All(printed, r => Assert.True(EmbeddedFonts.Regular.ContainsGlyph(r.Value) && EmbeddedFonts.Bold.ContainsGlyph(r.Value), $"{r} (U+{r.Value:X4}) is not in the subsets: add it to Fonts/subset-fonts.sh"));
    }

    [Fact]
    public void A_one_page_document_carries_fonts_of_kilobytes_not_megabytes()
    {
        var pdf = SpecimenPdf.Render("Font size check", ["Regular and bold faces both embedded"]);

        // Both full DejaVu faces made every PDF about 750 KB; the subsets deflate to about 90 KB each.
        Assert.InRange(pdf.Length, 1, 250_000);
    }
}
