using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

public sealed class SqliteReadsDuringWritesTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_page_reads_the_last_committed_data_while_a_background_job_holds_a_write_transaction()
    {
        await using var writerScope = _factory.Services.CreateAsyncScope();
        var writer = writerScope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var before = await writer.Organizations.CountAsync();
        await using var transaction = await writer.Database.BeginTransactionAsync();
        await writer.Database.ExecuteSqlRawAsync("UPDATE \"Organizations\" SET \"City\" = 'Being edited' WHERE \"Kind\" = 'District'");

        // With a shared cache the reader would be locked out of the table until the writer commits (up to the
        // 30-second busy timeout); with WAL and private caches it reads its own snapshot at once.
        var (count, cities) = await _factory.WithDbAsync(async reader =>
            (await reader.Organizations.CountAsync(), await reader.Organizations.Where(o => o.City == "Being edited").CountAsync()));

        Assert.Equal((before, 0), (count, cities));
        await transaction.RollbackAsync();
    }
}
