using GuongSang.Content.Model;
using GuongSang.Content.Seeding;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// The movement a row or an article names: by one of its names or aliases, then loosely (one name inside
/// the other); a name matching none becomes a new movement for review.
/// </summary>
internal sealed class MovementResolver
{
    private readonly ApplyContext _context;
    private readonly List<(string Key, Movement Movement)> _aliases;
    private readonly HashSet<string> _slugs;
    private readonly Dictionary<string, Movement> _byKey = [];

    private MovementResolver(ApplyContext context, List<Movement> movements)
    {
        _context = context;
        _slugs = [.. movements.Select(m => m.Slug)];
        _aliases = [.. movements.SelectMany(m => m.Aliases.Select(a => (a.Key, m))
            .Append((DatabaseInitializer.MovementKey(m.Name), m)))
            .Where(x => x.Item1.Length > 0)
            .DistinctBy(x => (x.Item1, x.m.Id))
            .Select(x => (x.Item1, x.m))];
    }

    public static async Task<MovementResolver> LoadAsync(ApplyContext context, CancellationToken ct) =>
        new(context, await context.Db.Movements.AsTracking().Include(m => m.Aliases).ToListAsync(ct));

    public Movement Resolve(string name, RowReport row)
    {
        var key = DatabaseInitializer.MovementKey(name);
        if (_byKey.TryGetValue(key, out var cached)) return cached;
        Movement? movement = _aliases.FirstOrDefault(a => a.Key == key).Movement;
        if (movement is null && key.Length >= 6)
        {
            // Loosely written names: one key inside the other ("Khuyến học, khuyến tài" in the plan's longer name).
            movement = _aliases
                .Where(a => a.Key.Length >= 6 && (a.Key.Contains(key, StringComparison.Ordinal) || key.Contains(a.Key, StringComparison.Ordinal)))
                .OrderByDescending(a => a.Key.Length)
                .Select(a => a.Movement)
                .FirstOrDefault();
            if (movement is not null && !movement.NeedsReview) row.Messages.Add($"Phong trào \"{name}\" được hiểu là \"{movement.Name}\"");
        }
        if (movement is null)
        {
            movement = new Movement
            {
                Name = name,
                Slug = ApplyContext.UniqueSlug(VietnameseText.Slug(name), _slugs),
                NeedsReview = true,
                SortOrder = 1000 + _context.Report.NewMovements.Count,
                CreatedAt = _context.Now,
                UpdatedAt = _context.Now,
                Aliases = [new MovementAlias { Name = name, Key = key }],
            };
            _context.Db.Movements.Add(movement);
            _aliases.Add((key, movement));
            _context.Report.NewMovements.Add(name);
            row.Messages.Add($"Phong trào \"{name}\" chưa có: đã tạo phong trào mới, chờ Ban Thi đua xác nhận; gương thuộc phong trào này chỉ hiện trên trang khi được xác nhận");
        }
        _byKey[key] = movement;
        return movement;
    }
}
