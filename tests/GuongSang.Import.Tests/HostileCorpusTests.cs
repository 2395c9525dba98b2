using GuongSang.Content.Model;
using GuongSang.Tests;

namespace GuongSang.Import.Tests;

/// <summary>
/// Every file of the hostile corpus (tests/Hostile) through the importer, as a dry run: refused with a
/// Vietnamese reason naming the file, or read with the row outcomes it must have; never a system error,
/// never a hang, nothing written. And the checked-in files are what their builders make.
/// </summary>
public class HostileCorpusTests
{
    /// <summary>Only turns a hang into a failure; far above what any of these files takes.</summary>
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(3);

    public static TheoryData<string> Names => [.. HostileFiles.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_corpus_file_is_refused_in_vietnamese_or_read_as_it_must_be(string name)
    {
        var hostile = HostileFiles.Named(name);
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes(name, HostileFiles.Bytes(hostile));
        var before = await bed.SnapshotAsync();

        // On a pool thread: a reader that hangs before its first await fails the test instead of hanging the run.
        var report = await Task.Run(() => bed.ImportAsync(new ImportOptions { DryRun = true }, path)).WaitAsync(Backstop);

        var file = report.Single();
        Assert.False(file.SystemError, file.Error);
        if (hostile.Expect.Rejected)
        {
            Assert.True(file.Status == FileStatus.Rejected, $"{name}: {file.Status}, rows: {string.Join("; ", file.Rows.Select(r => $"{r.Code} {r.Outcome}"))}");
            Assert.Contains(name, file.Error, StringComparison.Ordinal);
            foreach (var words in hostile.Expect.Error) Assert.True(file.Error!.Contains(words, StringComparison.Ordinal), $"no \"{words}\" in: {file.Error}");
        }
        else
        {
            Assert.True(file.Status == FileStatus.Imported, file.Error);
            Assert.Equal(hostile.Expect.Rows, file.Rows.Where(r => r.Kind == "exemplar").Select(r => (r.Code!, r.Outcome)).ToArray());
        }
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Empty(bed.MediaFiles());
    }

    /// <summary>
    /// The small files are checked in for tools and people; their builders are the one source. Set
    /// GUONGSANG_HOSTILE_REGENERATE=1 to write them again into tests/Hostile after changing a builder.
    /// </summary>
    [Fact]
    public void Checked_in_corpus_files_are_what_their_builders_make()
    {
        var small = HostileFiles.All.Where(c => !c.Large).ToList();
        if (Environment.GetEnvironmentVariable("GUONGSANG_HOSTILE_REGENERATE") == "1")
        {
            var source = Path.Combine(RepositoryRoot(), "tests", "Hostile");
            foreach (var file in small) File.WriteAllBytes(Path.Combine(source, file.Name), file.Build());
        }
        foreach (var file in small)
        {
            var bytes = file.Build();
            Assert.True(bytes.Length < 110_000, $"{file.Name} is {bytes.Length} bytes: a large file is built by the tests, not checked in");
            Assert.True(bytes.AsSpan().SequenceEqual(HostileFiles.Bytes(file)), $"tests/Hostile/{file.Name} is not what its builder makes");
        }
        var listed = HostileFiles.All.Select(c => c.Name).ToHashSet();
        var strays = Directory.EnumerateFiles(HostileFiles.Folder).Select(Path.GetFileName).Where(f => !listed.Contains(f!) && f is not ("README.md" or ".gitattributes"));
        Assert.Empty(strays);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("GuongSang.sln not found above " + AppContext.BaseDirectory);
    }
}
