using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>
/// The embedded fonts are subsets (SkiaSharp embeds a font whole in every PDF): the full faces must still draw the names
/// districts and refurbishers write, the core faces every character the documents print, and documents stay small.
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
    public void Both_full_faces_draw_every_character(string text)
    {
        var missing = text.EnumerateRunes()
            .Where(r => !EmbeddedFonts.RegularFull.ContainsGlyph(r.Value) || !EmbeddedFonts.BoldFull.ContainsGlyph(r.Value))
            .Select(r => $"{r} (U+{r.Value:X4})").Distinct().ToList();

        Assert.True(missing.Count == 0, $"printed as empty boxes: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_character_in_the_documents_source_is_in_the_core_faces()
    {
        var documents = MigrationTests.RepositoryFile(Path.Combine("src", "Marketplace.Web", "Infrastructure", "Documents"));
        var printed = Directory.EnumerateFiles(documents, "*.cs").SelectMany(file => File.ReadAllText(file).EnumerateRunes())
            .Where(r => r.Value > 0x7F).Distinct().ToList();

        Assert.NotEmpty(printed);
        Assert.All(printed, r => Assert.True(EmbeddedFonts.Regular.ContainsGlyph(r.Value) && EmbeddedFonts.Bold.ContainsGlyph(r.Value), $"{r} (U+{r.Value:X4}) is not in the core subsets: add it to CORE in Fonts/subset-fonts.sh"));
    }

    [Fact]
    public void A_one_page_document_carries_fonts_of_kilobytes_not_megabytes()
    {
        var pdf = SpecimenPdf.Render("Font size check", ["Regular and bold faces both embedded"]);

        // Both full DejaVu faces made every PDF about 750 KB; the full subsets deflate to about 200 KB, the core ones to about 70.
        Assert.InRange(pdf.Length, 1, 100_000);
    }

    [Fact]
    public async Task A_name_beyond_the_core_faces_is_drawn_in_the_full_face_and_reads_back()
    {
        var latin = SpecimenPdf.Render("Pickup contact", ["Zoë Núñez-Łukasiewicz, Coeur d’Alene"]);
        var cyrillic = SpecimenPdf.Render("Pickup contact", ["Иванова Мария Сергеевна, Ðặng Thị Hồng"]);

        var folder = Directory.CreateTempSubdirectory("fonts").FullName;
        var path = Path.Combine(folder, "cyrillic.pdf");
        await File.WriteAllBytesAsync(path, cyrillic);
        var text = await ExternalTool.RunAsync("pdftotext", path, "-");
        Assert.Contains("Иванова Мария Сергеевна, Ðặng Thị Hồng", text);
        // The full regular face is embedded only for the document that needs it.
        Assert.True(cyrillic.Length > latin.Length + 50_000, $"{cyrillic.Length:N0} bytes with the full face, {latin.Length:N0} without");
        using var body = new SkiaSharp.SKFont(EmbeddedFonts.Regular, 11);
        Assert.Same(body, EmbeddedFonts.Covering(body, "Zoë Núñez-Łukasiewicz"));
        Assert.Equal(EmbeddedFonts.RegularFull, EmbeddedFonts.Covering(body, "Иванова").Typeface);
        Assert.Equal(body.Size, EmbeddedFonts.Covering(body, "Иванова").Size);
    }
}
