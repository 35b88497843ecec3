using Marketplace.Web.Domain;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Marketplace.Tests.Jobs;

public sealed class OutboxExactlyOnceTests
{
    [Fact]
    public async Task Two_runs_of_one_row_whose_lease_expired_mid_run_commit_once_and_send_one_email()
    {
        await using var smtp = new LocalSmtpServer();
        await using var app = new OutboxApp();
        smtp.Receive(app);
        var subject = $"Pickup confirmed {Guid.NewGuid():N}";
        app.Gate.HoldFirst(subject);
        smtp.Hold();
        var school = await app.SchoolAsync();

        // Run A is claimed and starts, then is held before its transaction (a job that outlives its lease).
        var rowId = await app.EnqueueAsync(new SendEmail.Command(school, subject, "The driver arrives at 8:00.", [Roles.SchoolBuyer]));
        await app.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var claimA = Assert.Single(app.ClaimsThatRan(rowId));

        // Its lease expires; the dispatcher hands the row out again and run B starts.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == rowId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await app.Dispatcher.DispatchDueAsync(CancellationToken.None);
        var claimB = await MarketplaceFactory.EventuallyAsync(
            () => Task.FromResult(app.ClaimsThatRan(rowId).FirstOrDefault(c => c != claimA)), "a second run of the row to start");

        // B marked the row completed in its open transaction and waits inside the SMTP conversation.
        // Whether A now reaches its transaction while B still holds the write lock or just after B
        // commits, its conditional completion matches nothing and its handler never runs.
        await smtp.MessageHeld.WaitAsync(TimeSpan.FromSeconds(30));
        app.Gate.Release();
        smtp.Release();

        await MarketplaceFactory.EventuallyAsync(
            () => Task.FromResult(app.JobLogged(rowId, claimA, "already completed by another run") ? "yes" : null),
            "run A to find the row completed by run B");
        var row = await app.RowAsync(rowId);
        Assert.NotNull(row.CompletedAt);
        Assert.Equal(claimB, row.LeaseOwner);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(smtp.Messages);
        Assert.Equal(1, await app.WithDbAsync(db => db.EmailMessages.CountAsync(e => e.Subject == subject)));
        Assert.Equal([claimA, claimB], app.ClaimsThatRan(rowId));
    }

    [Fact]
    public async Task A_running_job_renews_its_lease_so_the_row_is_not_handed_out_again_after_the_lease_would_have_expired()
    {
        var lease = TimeSpan.FromSeconds(3);
        await using var app = new OutboxApp();
        app.Settings["Outbox:Lease"] = lease.ToString();
        var subject = $"Certificate ready {Guid.NewGuid():N}";
        app.Gate.HoldFirst(subject);
        var school = await app.SchoolAsync();

        var rowId = await app.EnqueueAsync(new SendEmail.Command(school, subject, "Your certificate of data destruction is ready.", [Roles.SchoolBuyer]));
        await app.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var claim = Assert.Single(app.ClaimsThatRan(rowId));
        var claimed = await app.RowAsync(rowId);

        // A renewal that extends the lease by a whole lease past the first expiry happened after that
        // expiry: the dispatcher has been polling all along, and a claim of its own now finds nothing.
        var renewed = await MarketplaceFactory.EventuallyAsync(
            async () => await app.RowAsync(rowId) is { } row && row.LeaseUntil >= claimed.LeaseUntil + lease ? row : null,
            "the running job to renew its lease past the first expiry");
        Assert.Equal(claim, renewed.LeaseOwner);
        await app.Dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(claim, (await app.RowAsync(rowId)).LeaseOwner);
        Assert.Single(app.ClaimsThatRan(rowId));

        app.Gate.Release();
        var done = await MarketplaceFactory.EventuallyAsync(
            async () => await app.RowAsync(rowId) is { CompletedAt: not null } row ? row : null, "the held job to complete");
        Assert.Equal(claim, done.LeaseOwner);
        Assert.Null(done.LeaseUntil);
        Assert.Equal(1, await app.WithDbAsync(db => db.EmailMessages.CountAsync(e => e.Subject == subject)));
        Assert.Single(app.ClaimsThatRan(rowId));
    }

    [Fact]
    public async Task EF_transactions_on_SQLite_take_the_write_lock_when_they_begin()
    {
        // The exactly-once rule relies on it: a second run of a row waits at BEGIN for the first to
        // commit, instead of reading a stale snapshot and failing (or racing) at its first write.
        await using var app = new MarketplaceFactory();
        await using var other = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "marketplace.db")};Pooling=False");
        await other.OpenAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();

        await using (await db.Database.BeginTransactionAsync())
        {
            // Asked directly of SQLite, which answers at once instead of retrying like Microsoft.Data.Sqlite.
            Assert.Equal(SQLitePCL.raw.SQLITE_BUSY, SQLitePCL.raw.sqlite3_exec(other.Handle, "BEGIN IMMEDIATE;"));
        }

        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_exec(other.Handle, "BEGIN IMMEDIATE;"));
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_exec(other.Handle, "ROLLBACK;"));
    }

    [Fact]
    public void On_SQL_Server_the_dispatcher_reads_past_rows_locked_by_running_commands()
    {
        using var db = new SqlServerMarketplaceDb(new DbContextOptionsBuilder<SqlServerMarketplaceDb>().UseSqlServer("Server=unused;Database=Marketplace;Integrated Security=true").Options);

        var sql = OutboxDispatcher.DueRows(db, DateTimeOffset.UtcNow, 50).ToQueryString();

        Assert.Contains("WITH (READPAST)", sql);
        Assert.Equal("OutboxMessages", db.Model.FindEntityType(typeof(OutboxMessage))!.GetTableName());
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.Message)) + Environment.NewLine + sql);
    }
}
