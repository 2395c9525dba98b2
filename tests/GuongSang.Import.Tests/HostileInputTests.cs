using GuongSang.Content.Model;
using GuongSang.Tests;

namespace GuongSang.Import.Tests;

/// <summary>
/// Hostile files whose import is checked beyond what the corpus theory checks (<see cref="HostileCorpusTests"/>):
/// row numbers across a gap, a real import beside a refused row, the time budget. Every import here has a
/// backstop bound: it must finish, not just pass.
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(3);

    private const string Header = "Mã hồ sơ;Loại điển hình;Họ và tên;Phong trào thi đua;Tóm tắt thành tích;Trạng thái";

    /// <summary>
    /// The import on a pool thread, awaited with a generous bound: a reader that hangs (even before its
    /// first await) fails the test instead of hanging the run.
    /// </summary>
    private static Task<ImportReport> Bounded(Func<Task<ImportReport>> import) => Task.Run(import).WaitAsync(Backstop);

    [Fact]
    public async Task Xlsx_rows_far_apart_are_read_at_their_own_numbers_and_the_gap_costs_nothing()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes("thua.xlsx", HostileFiles.Bytes(HostileFiles.Named("excel-dong-xa-nhau.xlsx")));
        var file = (await Bounded(() => bed.ImportAsync(path))).Single();
        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(19_999, file.RowFor("XA-1").Row);
        Assert.Equal(RowOutcome.Created, file.RowFor("XA-1").Outcome);
    }

    [Theory]
    [InlineData("tom-tat-6-mb.csv")]
    [InlineData("tom-tat-6-mb.json")]
    public async Task A_summary_of_six_megabytes_rejects_its_row_naming_the_column_and_the_limit(string name)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes(name, HostileFiles.Bytes(HostileFiles.Named(name)));
        var file = (await Bounded(() => bed.ImportAsync(path))).Single();
        var row = file.RowFor("TT-1");
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Contains(row.Messages, m => m.Contains("cột \"Tóm tắt thành tích\" dài 6.000.000 ký tự, quá giới hạn 5.000 ký tự", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Created, file.RowFor("TT-2").Outcome);
        await using var db = bed.OpenDb();
        Assert.DoesNotContain(db.Exemplars, e => e.Code == "TT-1");
    }

    [Fact]
    public async Task Import_past_its_time_budget_is_rejected_and_rolled_back()
    {
        var clock = new ManualClock();
        await using var bed = await ImportTestBed.CreateAsync();
        var service = new ImportService(bed.Data, clock);
        var path = bed.Write("cham.csv", Header + "\n" + string.Join("\n", Enumerable.Range(1, 20).Select(i => $"CH-{i};Cá nhân;Người {i};Dạy tốt - Học tốt;Tốt;Đã duyệt")));
        var before = await bed.SnapshotAsync();
        // The budget runs out while rows are being written.
        var options = new ImportOptions { Agency = "Trường THCS Long Sơn", TimeBudget = TimeSpan.FromMinutes(2), AfterRowApplied = n => { if (n == 5) clock.FireAll(); } };
        var file = (await Bounded(() => service.ImportAsync([path], options))).Single();
        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains("chưa xong sau 2 phút", file.Error, StringComparison.Ordinal);
        Assert.Contains("không có gì được ghi", file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
    }

    /// <summary>A clock whose timers fire when the test says so: the time budget runs out on cue.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<Timer> _timers = [];

        public override DateTimeOffset GetUtcNow() => new(2025, 6, 1, 3, 0, 0, TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(callback, state);
            lock (_timers) _timers.Add(timer);
            return timer;
        }

        public void FireAll()
        {
            List<Timer> timers;
            lock (_timers) timers = [.. _timers];
            foreach (var timer in timers) timer.Fire();
        }

        private sealed class Timer(TimerCallback callback, object? state) : ITimer
        {
            private bool _disposed;

            public void Fire()
            {
                if (!_disposed) callback(state);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() => _disposed = true;

            public ValueTask DisposeAsync()
            {
                _disposed = true;
                return ValueTask.CompletedTask;
            }
        }
    }
}
