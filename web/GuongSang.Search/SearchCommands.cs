using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Search.Indexing;

namespace GuongSang.Search;

/// <summary>Operator commands. None of them opens the index: only the site's indexer writes it.</summary>
public static class SearchCommands
{
    /// <summary>
    /// Asks every site on this database to rebuild its search index from the database, by adding a
    /// request to the change log; a running site honours it within seconds, a stopped one when it starts.
    /// Safe while the site runs.
    /// </summary>
    public static async Task<long> RequestRebuildAsync(DataFolder dataFolder, CancellationToken ct = default)
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, "rebuild-index");
        var request = new ContentChange { EntityType = SearchIndexer.RebuildRequest, EntityId = 0, At = DateTime.UtcNow };
        db.ContentChanges.Add(request);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }
}
