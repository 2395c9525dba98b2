using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using GuongSang.Import.Reading;
using GuongSang.Tests;

namespace GuongSang.Import.Tests.Fuzz;

/// <summary>
/// Every reader, fed the project's own samples changed at random (bytes flipped, inserted, deleted,
/// repeated, cut; brackets and quotes nested deep, lines repeated past the row limit, other encodings;
/// package entries renamed, doubled, dropped, inflated, their sizes lied about), either returns what it read
/// or refuses the file with a Vietnamese reason: never another exception, never a hang, never unbounded
/// memory. A failing input is kept (see <see cref="Findings"/>) and the failure says where.
/// How many cases: <c>GUONGSANG_FUZZ_CASES</c> per reader (default 150, about two minutes in all).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed partial class ReaderFuzzTests
{
    /// <summary>A reader and the seeds it is fuzzed from.</summary>
    public sealed record Target(string Name, string Extension, string[] Seeds, bool Packaged, Func<string, CancellationToken, object?> Read);

    private static readonly Target[] Targets =
    [
        new("csv", ".csv", [Samples.DistrictCsv, Samples.Tcvn3Csv, Samples.Windows1258Csv, Samples.VniCsv, Samples.HeaderOnlyCsv], false, (path, ct) =>
        {
            var (reader, _) = TextDecoder.OpenText(path, ct);
            using (reader) return DelimitedReader.Read(reader, "fuzz.csv", ct);
        }),
        new("json", ".json", [Samples.DistrictJson], false, (path, ct) =>
        {
            var (utf8, _) = TextDecoder.OpenUtf8(path, ct);
            using (utf8) return JsonSubmissionReader.Read(utf8, "fuzz.json", ct);
        }),
        new("md", ".md", [Samples.Article], false, (path, _) =>
            MarkdownArticleReader.Read(TextDecoder.Decode(File.ReadAllBytes(path)).Text, "fuzz.md", Path.GetDirectoryName(path))),
        new("encoding", ".txt", [Samples.DistrictCsv, Samples.Tcvn3Csv, Samples.Windows1258Csv, Samples.VniCsv, Samples.DistrictJson, Samples.Article], false, (path, ct) =>
        {
            var whole = TextDecoder.Decode(File.ReadAllBytes(path));
            var (reader, streamed) = TextDecoder.OpenText(path, ct);
            using (reader) return (whole.Encoding, streamed, reader.ReadToEnd().Length);
        }),
        new("xlsx", ".xlsx", [Samples.Workbook, Samples.TruncatedXlsx], true, (path, ct) => SpreadsheetReader.Read(path, "fuzz.xlsx", ct)),
        new("docx", ".docx", [Samples.WordList, Samples.WordStory], true, (path, ct) => WordReader.Read(path, "fuzz.docx", ct)),
        new("zip", ".zip", [Samples.Package, Samples.ZipClimbingOut], true, (path, ct) =>
            SafeZip.Extract(path, Path.Combine(Path.GetDirectoryName(path)!, "goi-" + Guid.NewGuid().ToString("N")), ct: ct)),
    ];

    public static TheoryData<string> TargetNames => [.. Targets.Select(t => t.Name)];

    /// <summary>Cases per reader: <c>GUONGSANG_FUZZ_CASES</c>; raise it for a longer run (CI nightly, or by hand).</summary>
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("GUONGSANG_FUZZ_CASES"), out var n) && n > 0 ? n : 150;

    /// <summary>Where failing inputs are kept: <c>GUONGSANG_FUZZ_FINDINGS</c>, else a folder under the temp folder.</summary>
    private static string Findings => Environment.GetEnvironmentVariable("GUONGSANG_FUZZ_FINDINGS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "guongsang-fuzz-findings");

    /// <summary>
    /// One case's time: a reader still busy after it is cancelled; one that has not stopped a while after that hangs.
    /// Far above what any case needs, so a busy machine is slow, not red.
    /// </summary>
    private static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bytes one case may allocate on its thread. The inputs are at most a few megabytes, the packed ones inflate
    /// to at most the part limits: a reader that stays within its limits allocates far less.
    /// </summary>
    private const long AllocationCap = 1L << 30;

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Reader_reads_or_refuses_in_vietnamese_any_mutation_of_its_samples(string name)
    {
        var target = Targets.Single(t => t.Name == name);
        var seeds = target.Seeds.Select(Samples.Bytes).ToArray();
        var work = Directory.CreateTempSubdirectory("guongsang-fuzz-").FullName;
        try
        {
            var cases = target.Packaged ? MutationGen.Zip(seeds.Length) : MutationGen.Text(seeds.Length);
            var property = Prop.ForAll(cases.ToArbitrary(), c => Run(target, c, c.Apply(seeds[c.Seed]), work));
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>One case on a pool thread with a cancellation budget; what it did is judged here.</summary>
    private static void Run(Target target, FuzzCase fuzzCase, byte[] input, string work)
    {
        var path = Path.Combine(work, "tep" + target.Extension);
        File.WriteAllBytes(path, input);
        using var budget = new CancellationTokenSource(CaseBudget);
        var run = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Exception? thrown = null;
            try
            {
                target.Read(path, budget.Token);
            }
            catch (Exception e)
            {
                thrown = e;
            }
            return (Thrown: thrown, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
        });
        if (!run.Wait(CaseBudget * 2))
            Fail(target, fuzzCase, input, $"still running {CaseBudget.TotalSeconds * 2:0} s after it started, {CaseBudget.TotalSeconds:0} s after it was cancelled (a hang)");
        var (thrown, allocated) = run.Result;
        if (thrown is OperationCanceledException)
            Fail(target, fuzzCase, input, $"not done after {CaseBudget.TotalSeconds:0} s (cancelled)");
        if (allocated > AllocationCap)
            Fail(target, fuzzCase, input, $"allocated {allocated >> 20} MiB, more than the cap of {AllocationCap >> 20} MiB");
        if (thrown is ImportRejectedException rejected)
        {
            if (!VietnameseLetter().IsMatch(rejected.Message))
                Fail(target, fuzzCase, input, $"refused, but not in Vietnamese: \"{rejected.Message}\"");
            if (rejected.Message.Contains(work, StringComparison.Ordinal))
                Fail(target, fuzzCase, input, $"refused naming a server folder: \"{rejected.Message}\"");
        }
        else if (thrown is not null)
        {
            Fail(target, fuzzCase, input, "threw " + thrown);
        }
    }

    /// <summary>Keeps the input and the recipe where a person can replay them, and fails saying where.</summary>
    private static void Fail(Target target, FuzzCase fuzzCase, byte[] input, string what)
    {
        Directory.CreateDirectory(Findings);
        var name = $"{target.Name}-{Convert.ToHexString(SHA256.HashData(input))[..12].ToLowerInvariant()}";
        var file = Path.Combine(Findings, name + target.Extension);
        File.WriteAllBytes(file, input);
        File.WriteAllText(Path.Combine(Findings, name + ".recipe.txt"), $"{target.Name} reader on {target.Seeds[fuzzCase.Seed]}\n{fuzzCase}\n\n{what}\n");
        Assert.Fail($"{target.Name} reader, {fuzzCase}: {what}. Input kept in {file}");
    }

    [GeneratedRegex("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
