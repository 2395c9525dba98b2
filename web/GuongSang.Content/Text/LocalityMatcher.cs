using GuongSang.Content.Model;

namespace GuongSang.Content.Text;

/// <summary>
/// Finds the province an address names, as agencies write it ("tỉnh BR-VT", "TP.HCM",
/// "xã Ia Tul, huyện Ia Pa, tỉnh Gia Lai"), and today's province it now belongs to.
/// </summary>
public sealed class LocalityMatcher
{
    /// <summary>Loose spellings seen in agencies' files, folded, → the official name's key.</summary>
    private static readonly Dictionary<string, string> Nicknames = new()
    {
        ["tp hcm"] = "ho chi minh",
        ["tphcm"] = "ho chi minh",
        ["hcm"] = "ho chi minh",
        ["sai gon"] = "ho chi minh",
        ["br vt"] = "ba ria vung tau",
        ["brvt"] = "ba ria vung tau",
        ["vung tau"] = "ba ria vung tau",
        ["tt hue"] = "thua thien hue",
        ["hn"] = "ha noi",
    };

    private readonly List<(string Key, Locality Locality)> _keys;
    private readonly Dictionary<int, Locality> _byId;

    public LocalityMatcher(IEnumerable<Locality> localities)
    {
        var all = localities.ToList();
        _byId = all.ToDictionary(l => l.Id);
        var byKey = all.ToDictionary(l => l.Key);
        _keys = [.. all.Select(l => (l.Key, l))];
        foreach (var (nick, key) in Nicknames)
        {
            if (byKey.TryGetValue(key, out var l)) _keys.Add((nick, l));
        }
    }

    /// <summary>The key of a province name: folded, without "tỉnh"/"thành phố".</summary>
    public static string KeyOf(string name)
    {
        var key = VietnameseText.Key(name);
        foreach (var prefix in new[] { "tinh ", "thanh pho ", "tp " })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)) return key[prefix.Length..];
        }
        return key;
    }

    /// <summary>
    /// The province the address names (old or current) and today's province, or nulls.
    /// The last province named wins, and one after "tỉnh"/"thành phố"/"TP" wins over a bare one
    /// ("thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu").
    /// </summary>
    public (Locality? AsWritten, Locality? Current) Match(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return (null, null);
        var text = " " + VietnameseText.Key(address) + " ";
        Locality? best = null;
        var bestScore = -1;
        foreach (var (key, locality) in _keys)
        {
            var at = text.LastIndexOf(" " + key + " ", StringComparison.Ordinal);
            if (at < 0) continue;
            var before = text[..at];
            var prefixed = before.EndsWith(" tinh", StringComparison.Ordinal) || before.EndsWith(" thanh pho", StringComparison.Ordinal) ||
                           before.EndsWith(" tp", StringComparison.Ordinal);
            var score = at + key.Length + (prefixed ? 100_000 : 0);
            if (score > bestScore)
            {
                best = locality;
                bestScore = score;
            }
        }
        return (best, best is null ? null : CurrentOf(best));
    }

    public Locality CurrentOf(Locality locality) =>
        locality.IsCurrent || locality.SuccessorId is null ? locality : _byId[locality.SuccessorId.Value];
}
