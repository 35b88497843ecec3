namespace Marketplace.Web.Domain;

/// <summary>
/// An aggregate that can race (lot, stock). The version is an app-managed concurrency token bumped on
/// every save, which works the same on SQLite and SQL Server.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
