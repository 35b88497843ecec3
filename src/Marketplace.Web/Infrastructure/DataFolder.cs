namespace Marketplace.Web.Infrastructure;

/// <summary>The app's writable folder (SQLite file, mail pickup): <c>App:DataFolder</c>, default "App_Data" under the content root.</summary>
public sealed class DataFolder
{
    public DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["App:DataFolder"];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(environment.ContentRootPath, "App_Data")
            : System.IO.Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Resolve(string relativeOrAbsolute) => System.IO.Path.Combine(Path, relativeOrAbsolute);
}
