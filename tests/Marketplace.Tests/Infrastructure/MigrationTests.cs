using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Both providers' migrations stay in step with the model, and db/ holds the current SQL Server script.</summary>
public sealed class MigrationTests
{
    private const string ScriptPath = "db/marketplace-sqlserver.sql";
    private const string Regenerate = "dotnet ef migrations script --idempotent --context SqlServerMarketplaceDb --project src/Marketplace.Web -o db/marketplace-sqlserver.sql";

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteMarketplaceDb(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a SQLite migration: dotnet ef migrations add <Name> --context SqliteMarketplaceDb --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = CreateSqlServerContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a SQL Server migration: dotnet ef migrations add <Name> --context SqlServerMarketplaceDb --output-dir Data/Migrations/SqlServer");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteMarketplaceDb(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = CreateSqlServerContext();
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_sql_server_deployment_script_in_db_is_current()
    {
        using var db = CreateSqlServerContext();
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var committed = File.ReadAllText(RepositoryFile(ScriptPath));
        Assert.True(Normalize(expected) == Normalize(committed), $"{ScriptPath} is out of date. Regenerate it with: {Regenerate}");
    }

    [Fact]
    public void The_sql_server_deployment_script_parses_as_T_SQL()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StreamReader(RepositoryFile(ScriptPath));
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
        var tables = new CreateTableCounter();
        fragment.Accept(tables);
        Assert.True(tables.Count >= 20, $"expected the full schema, found only {tables.Count} CREATE TABLE statements");
    }

    private static SqlServerMarketplaceDb CreateSqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerMarketplaceDb>().UseSqlServer("Server=unused;Database=Marketplace;Integrated Security=true").Options);

    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").TrimStart('\uFEFF').Trim();

    internal static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new FileNotFoundException("Could not find the repository root (Marketplace.sln) above the test output folder.");
    }

    private sealed class CreateTableCounter : TSqlFragmentVisitor
    {
        public int Count { get; private set; }

        public override void Visit(CreateTableStatement node) => Count++;
    }
}
