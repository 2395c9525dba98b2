namespace GuongSang.Tests;

/// <summary>
/// Waits for something a background worker or a child process does, checking often. The
/// bound only turns a hang into a failure: it is far above any promise, because a test on a busy
/// machine must not fail for being slow. How fast things happen is measured by the benchmarks.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    public static Task<T> UntilAsync<T>(Func<Task<(bool Done, T Value)>> check, string what) => UntilAsync(check, what, Bound);

    /// <summary>
    /// With a bound of the test's own: only where the bound is the product's promise (a withdrawn story leaves
    /// search within 10 s), not a guess at how slow the machine is.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<(bool Done, T Value)>> check, string what, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var (done, value) = await check();
            if (done) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{what}: still not so after {bound.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        UntilAsync(async () => (await condition(), true), what);

    public static Task UntilAsync(Func<bool> condition, string what) =>
        UntilAsync(() => Task.FromResult((condition(), true)), what);
}
