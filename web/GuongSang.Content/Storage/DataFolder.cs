namespace GuongSang.Content.Storage;

/// <summary>
/// The one folder a site owns: database, search index, media, import work space.
/// <c>GUONGSANG_DATA</c> names it for the site and the importer alike.
/// </summary>
public sealed class DataFolder
{
    public const string EnvironmentVariable = "GUONGSANG_DATA";

    public DataFolder(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "guongsang.db");
    public string IndexPath => Path.Combine(Root, "index");
    public string MediaPath => Path.Combine(Root, "media");
    public string ImportWorkPath => Path.Combine(Root, "import-work");

    /// <summary>Present once every image under media/ has been stripped of metadata (outside media/, which is served).</summary>
    public string MediaCleanMarkerPath => Path.Combine(Root, "media-clean.v1");

    public string ConnectionString => $"Data Source={DatabasePath};Cache=Shared;Foreign Keys=True";

    /// <summary>Default: $GUONGSANG_DATA, else ~/.local/share/guong-sang (the same for site and importer).</summary>
    public static DataFolder FromEnvironment(string? overridePath = null)
    {
        var path = overridePath;
        if (string.IsNullOrWhiteSpace(path)) path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path)) path = DefaultPath;
        return new DataFolder(path);
    }

    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "guong-sang");

    /// <summary>Resolves a stored relative path inside the folder, refusing anything that climbs out.</summary>
    public string Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Path outside the data folder: {relativePath}");
        }
        return full;
    }
}
