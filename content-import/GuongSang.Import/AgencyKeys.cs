using System.Security.Cryptography;
using System.Text;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import;

/// <summary>Push API keys: shown once when made, stored only as their hash (Agency.ApiKeyHash; see <see cref="Secrets"/>).</summary>
public static class AgencyKeys
{
    public static string NewKey() => Secrets.New("gs_");

    public static string Hash(string key) => Secrets.Hash(key);

    /// <summary>Gives the agency a new key (creating the agency when a name is given) and returns the key.</summary>
    public static async Task<string?> SetAsync(GuongSangDb db, string code, string? name, DateTime now, CancellationToken ct = default)
    {
        var agency = await db.Agencies.AsTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            var clean = VietnameseText.Clean(name)!;
            agency = new Agency { Code = code, Name = clean, Key = VietnameseText.Key(clean), CreatedAt = now };
            db.Agencies.Add(agency);
        }
        var key = NewKey();
        agency.ApiKeyHash = Hash(key);
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>The agency with this code if the key is its key; constant-time comparison.</summary>
    public static async Task<Agency?> VerifyAsync(GuongSangDb db, string code, string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct);
        if (agency?.ApiKeyHash is null) return null;
        var given = Encoding.ASCII.GetBytes(Hash(key));
        var stored = Encoding.ASCII.GetBytes(agency.ApiKeyHash);
        return CryptographicOperations.FixedTimeEquals(given, stored) ? agency : null;
    }
}
