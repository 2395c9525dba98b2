namespace GuongSang.Tests;

/// <summary>
/// The agencies' sample submissions in shared/fixtures: beside the clone (as CI lays it out),
/// or wherever GUONGSANG_FIXTURES points. Linked into each test project that reads them.
/// </summary>
internal static class SharedFixtures
{
    public const string EnvironmentVariable = "GUONGSANG_FIXTURES";

    public static string Folder
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("GuongSang.sln not found above " + AppContext.BaseDirectory);
            var beside = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            return Directory.Exists(beside)
                ? beside
                : throw new DirectoryNotFoundException(
                    $"The sample submissions are not at {beside}: clone the repository with shared/ beside it, " +
                    $"or set {EnvironmentVariable} to the fixtures folder.");
        }
    }

    public static string File(string name) => Path.Combine(Folder, name);
}
