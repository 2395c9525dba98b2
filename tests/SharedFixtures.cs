namespace GuongSang.Tests;

/// <summary>
/// The agencies' own sample submissions in shared/fixtures: beside the clone (as CI lays it out),
/// or wherever GUONGSANG_FIXTURES points. They are an extra check on top of the project's own
/// samples (<see cref="Samples"/>): a clone without them skips these tests, saying why.
/// </summary>
internal static class SharedFixtures
{
    public const string EnvironmentVariable = "GUONGSANG_FIXTURES";

    /// <summary>The folder, or null when it is not there.</summary>
    public static string? Folder => Lookup.Value.Folder;

    /// <summary>Why the tests that read the shared fixtures are skipped, or null when they run.</summary>
    public static string? Missing => Lookup.Value.Missing;

    public static string File(string name) =>
        Path.Combine(Folder ?? throw new DirectoryNotFoundException(Missing), name);

    private static readonly Lazy<(string? Folder, string? Missing)> Lookup = new(Find);

    private static (string? Folder, string? Missing) Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Directory.Exists(fromEnvironment)
                ? (Path.GetFullPath(fromEnvironment), null)
                : (null, $"{EnvironmentVariable} points to {fromEnvironment}, which does not exist.");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
        var beside = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
        return beside is not null && Directory.Exists(beside)
            ? (beside, null)
            : (null, $"The agencies' samples (shared/fixtures) are not beside this clone; set {EnvironmentVariable} to run these checks too. " +
                     "The project's own samples in tests/TestData cover the same behaviour.");
    }
}

/// <summary>A fact that reads the shared fixtures: skipped, with the reason, where they are absent.</summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute() => Skip = SharedFixtures.Missing;
}

/// <summary>A theory that reads the shared fixtures: skipped, with the reason, where they are absent.</summary>
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute() => Skip = SharedFixtures.Missing;
}
