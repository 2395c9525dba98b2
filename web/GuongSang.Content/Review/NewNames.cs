using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Review;

/// <summary>A movement or agency an import created from a name it did not know, waiting for the board.</summary>
public sealed record NewName(NewNameKind Kind, string Key, string Name, int HeldExemplars, DateTime CreatedAt);

public enum NewNameKind { Movement, Agency }

/// <summary>
/// The board's review of the movements and agencies imports create: until one is confirmed, it and every
/// exemplar and article under it stay off the public site (decision 0010). Confirming publishes them; the
/// change log makes the search index pick them up like any other change.
/// </summary>
public static class NewNames
{
    public static async Task<IReadOnlyList<NewName>> ListAsync(GuongSangDb db, CancellationToken ct = default)
    {
        var movements = await db.Movements.Where(m => m.NeedsReview)
            .Select(m => new NewName(NewNameKind.Movement, m.Slug, m.Name,
                db.Exemplars.Count(e => e.MovementId == m.Id && e.Status == ContentStatus.Published), m.CreatedAt))
            .ToListAsync(ct);
        var agencies = await db.Agencies.Where(a => a.NeedsReview)
            .Select(a => new NewName(NewNameKind.Agency, a.Code, a.Name,
                db.Exemplars.Count(e => e.AgencyId == a.Id && e.Status == ContentStatus.Published), a.CreatedAt))
            .ToListAsync(ct);
        return [.. movements.Concat(agencies).OrderBy(n => n.CreatedAt).ThenBy(n => n.Key, StringComparer.Ordinal)];
    }

    /// <summary>Confirms the movement with this slug; false when no movement waiting for review has it.</summary>
    public static async Task<bool> ConfirmMovementAsync(GuongSangDb db, string slug, CancellationToken ct = default)
    {
        var movement = await db.Movements.AsTracking().FirstOrDefaultAsync(m => m.Slug == slug && m.NeedsReview, ct);
        if (movement is null) return false;
        movement.NeedsReview = false;
        movement.UpdatedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Confirms the agency with this code; false when no agency waiting for review has it.</summary>
    public static async Task<bool> ConfirmAgencyAsync(GuongSangDb db, string code, CancellationToken ct = default)
    {
        var agency = await db.Agencies.AsTracking().FirstOrDefaultAsync(a => a.Code == code && a.NeedsReview, ct);
        if (agency is null) return false;
        agency.NeedsReview = false;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
