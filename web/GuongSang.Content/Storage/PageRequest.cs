using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Storage;

/// <summary>
/// One page of a list: its number (from 1) and its size. Every paged list (the public pages, the delivery
/// and search APIs, the search index) counts its offset here, in 64 bits: a page past the end is that page,
/// empty, never an offset wrapped round to another page.
/// </summary>
public readonly record struct PageRequest
{
    public PageRequest(int number, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Number = number;
        Size = size;
    }

    public int Number { get; }

    public int Size { get; }

    /// <summary>How many items come before this page (int.MaxValue pages of 100 do not fit in an int).</summary>
    public long Offset => (long)(Number - 1) * Size;

    /// <summary>One past the last item of this page.</summary>
    public long End => Offset + Size;
}

public static class PageRequestExtensions
{
    /// <summary>
    /// The items of one page of an ordered query. A page that starts at or past <paramref name="total"/>
    /// is empty without asking the database (its offset may not even fit the query's).
    /// </summary>
    public static async Task<List<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, int total, CancellationToken ct) =>
        page.Offset >= total ? [] : await ordered.Skip((int)page.Offset).Take(page.Size).ToListAsync(ct);
}
