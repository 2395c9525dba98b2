using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import.Reading;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// Which agency a row or an article is written for: the push key's agency whatever the file says; else the
/// row's (or the JSON's) agency column; else --agency. An agency a file names that nobody knows is created
/// for review, never for a push.
/// </summary>
internal sealed class AgencyResolver
{
    private readonly ApplyContext _context;
    private readonly List<Agency> _all;
    private readonly List<AgencyAlias> _aliases;
    private readonly HashSet<string> _codes;
    private readonly LocalityMatcher _localities;
    private readonly Dictionary<string, Agency> _byKey = [];
    private readonly Dictionary<ExemplarDraft, Agency> _ofDraft = [];
    private List<Agency>? _fileAgencies;

    private AgencyResolver(ApplyContext context, List<Agency> all, List<AgencyAlias> aliases, LocalityMatcher localities)
    {
        _context = context;
        _all = all;
        _aliases = aliases;
        _codes = [.. all.Select(a => a.Code)];
        _localities = localities;
    }

    /// <summary>Loads the agencies; a push key's agency that does not exist rejects the whole file.</summary>
    public static async Task<AgencyResolver> LoadAsync(ApplyContext context, LocalityMatcher localities, CancellationToken ct)
    {
        var all = await context.Db.Agencies.AsTracking().ToListAsync(ct);
        if (context.Options.ForcedAgencyCode is { } code && !all.Any(a => a.Code == code))
            throw new ImportRejectedException($"không có cơ quan mã \"{code}\"");
        var aliases = await context.Db.AgencyAliases.ToListAsync(ct);
        return new AgencyResolver(context, all, aliases, localities);
    }

    /// <summary>The row's agency (remembered for its articles), or null when none is known: the row is then rejected.</summary>
    public Agency? Resolve(ExemplarDraft draft)
    {
        var agency = ResolveCore(draft);
        if (agency is not null) _ofDraft[draft] = agency;
        return agency;
    }

    private Agency? ResolveCore(ExemplarDraft draft)
    {
        if (_context.Options.ForcedAgencyCode is { } code)
        {
            var owner = _all.First(a => a.Code == code);
            if (draft.AgencyName is not null && VietnameseText.Key(draft.AgencyName) != owner.Key)
                draft.Report.Messages.Add($"Cột Cơ quan đề xuất ghi \"{draft.AgencyName}\": hồ sơ được ghi cho {owner.Name} (chủ khóa API)");
            return owner;
        }
        var name = draft.AgencyName ?? VietnameseText.Clean(_context.Options.Agency);
        if (string.IsNullOrWhiteSpace(name))
        {
            draft.Report.Outcome = RowOutcome.Rejected;
            draft.Report.Messages.Add("Từ chối: không rõ cơ quan đề xuất (thêm cột \"Cơ quan đề xuất\" hoặc dùng --agency)");
            return null;
        }
        return Named(name, draft.Report);
    }

    /// <summary>The agency a row was written for, if it was.</summary>
    public Agency? Of(ExemplarDraft draft) => _ofDraft.GetValueOrDefault(draft);

    /// <summary>
    /// The agencies a file speaks for: the push key's; else those its rows named (or the JSON's
    /// "agency"); else --agency. None: the board's command line, with no agency said anywhere.
    /// </summary>
    public List<Agency> OfFile(RowReport row)
    {
        if (_fileAgencies is not null) return _fileAgencies;
        if (_context.Options.ForcedAgencyCode is { } code) return _fileAgencies = [_all.First(a => a.Code == code)];
        if (_ofDraft.Count > 0) return _fileAgencies = [.. _ofDraft.Values.Distinct()];
        return _fileAgencies = VietnameseText.Clean(_context.Options.Agency) is { Length: > 0 } name ? [Named(name, row)] : [];
    }

    /// <summary>The agency a file names (by name or code), created and reported when unknown. Never for a push: the key's agency is the only one.</summary>
    private Agency Named(string name, RowReport row)
    {
        var key = VietnameseText.Key(name);
        if (_byKey.TryGetValue(key, out var agency)) return agency;
        agency = _all.FirstOrDefault(a => a.Key == key) ?? _all.FirstOrDefault(a => string.Equals(a.Code, name, StringComparison.OrdinalIgnoreCase));
        // A name or code the board merged or renamed away still leads to the agency it became.
        agency ??= _aliases.FirstOrDefault(a => a.Key == key || string.Equals(a.Code, name, StringComparison.OrdinalIgnoreCase)) is { } alias
            ? _all.FirstOrDefault(a => a.Id == alias.AgencyId)
            : null;
        if (agency is null)
        {
            var code = ApplyContext.UniqueSlug(VietnameseText.Slug(name, 56), _codes);
            agency = new Agency
            {
                Code = code,
                Name = name,
                Key = key,
                NeedsReview = true,
                CreatedAt = _context.Now,
                ProvinceId = _localities.Match(name).Current?.Id,
            };
            _context.Db.Agencies.Add(agency);
            _all.Add(agency);
            _context.Report.NewAgencies.Add(name);
            row.Messages.Add($"Cơ quan mới \"{name}\" đã được tạo (mã {code}), chờ Ban Thi đua xác nhận: nội dung của cơ quan chỉ hiện trên trang khi được xác nhận");
        }
        _byKey[key] = agency;
        return agency;
    }
}
