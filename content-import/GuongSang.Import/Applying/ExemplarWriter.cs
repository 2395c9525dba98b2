using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// Writes exemplars: an agency's stored exemplar with a row's code is updated field by field (only what
/// differs, so an unchanged row writes no revision); else a new one is created. Saves in batches and
/// forgets what it saved, so each save costs the same however long the file is.
/// </summary>
internal sealed class ExemplarWriter(ApplyContext context, LocalityMatcher localities)
{
    private readonly Dictionary<(Agency Agency, string Code), Exemplar> _byCode = [];
    private readonly HashSet<int> _pendingStored = [];
    private readonly Dictionary<Exemplar, ExemplarDraft> _draftOf = [];

    private static string CodeKey(string code) => code.ToUpperInvariant();

    /// <summary>Loads the exemplars these agencies already have under these codes (one query per agency and 500 codes).</summary>
    public async Task LoadStoredAsync(IEnumerable<(ExemplarDraft Draft, Agency Agency)> rows, CancellationToken ct)
    {
        foreach (var group in rows.GroupBy(x => x.Agency).Where(g => g.Key.Id != 0))
        {
            foreach (var chunk in group.Select(x => x.Draft.Code).Distinct().Chunk(500))
            {
                var found = await context.Db.Exemplars.AsTracking()
                    .Include(e => e.Recognitions)
                    .Include(e => e.Photos).ThenInclude(p => p.Media)
                    .Where(e => e.AgencyId == group.Key.Id && chunk.Contains(e.Code))
                    .AsSplitQuery()
                    .ToListAsync(ct);
                foreach (var e in found)
                {
                    _byCode[(group.Key, CodeKey(e.Code))] = e;
                    _pendingStored.Add(e.Id);
                }
            }
        }
    }

    /// <summary>The agency's exemplar with this code, stored or written by this file.</summary>
    public Exemplar? Find(Agency agency, string code) => _byCode.GetValueOrDefault((agency, CodeKey(code)));

    /// <summary>Updates the agency's exemplar with the row's code, or creates it; the row's report says which.</summary>
    public Exemplar Write(ExemplarDraft draft, Agency agency, Movement movement, List<Media> media, out bool created)
    {
        var exemplar = Find(agency, draft.Code);
        created = exemplar is null;
        if (exemplar is not null)
        {
            _pendingStored.Remove(exemplar.Id);
            var changed = Update(exemplar, draft, movement, media);
            draft.Report.Outcome = changed.Count > 0 ? RowOutcome.Updated : RowOutcome.Unchanged;
            if (changed.Count > 0) draft.Report.Messages.Add("Đã cập nhật: " + string.Join(", ", changed));
        }
        else
        {
            exemplar = new Exemplar
            {
                Agency = agency,
                Code = draft.Code,
                Kind = draft.Kind,
                Name = draft.Name,
                Slug = VietnameseText.Slug(draft.Name),
                NameKey = VietnameseText.Key(draft.Name),
                Movement = movement,
                Status = context.NewStatus,
                PublishedAt = context.PublishNew ? context.Now : null,
                CreatedAt = context.Now,
                UpdatedAt = context.Now,
            };
            Update(exemplar, draft, movement, media, isNew: true);
            context.Db.Exemplars.Add(exemplar);
            _byCode[(agency, CodeKey(draft.Code))] = exemplar;
            draft.Report.Outcome = RowOutcome.Created;
        }
        _draftOf[exemplar] = draft;
        return exemplar;
    }

    /// <summary>
    /// Saves a batch (still inside the file's transaction) and forgets the saved rows; the shared agencies,
    /// movements and photos stay tracked, and so do stored exemplars loaded for rows still to come.
    /// </summary>
    public async Task SaveBatchAsync(CancellationToken ct)
    {
        await context.Db.SaveChangesAsync(ct);
        foreach (var entry in context.Db.ChangeTracker.Entries().ToList())
        {
            var keep = entry.Entity switch
            {
                Agency or Movement or MovementAlias or Media or MediaVariant => true,
                Exemplar e => _pendingStored.Contains(e.Id),
                Recognition r => _pendingStored.Contains(r.ExemplarId),
                ExemplarPhoto p => _pendingStored.Contains(p.ExemplarId),
                _ => false,
            };
            if (!keep) entry.State = EntityState.Detached;
        }
    }

    /// <summary>After the last save: each written row's report names its exemplar.</summary>
    public void ReportIds()
    {
        foreach (var (exemplar, draft) in _draftOf) draft.Report.ExemplarId = exemplar.Id;
    }

    /// <summary>Sets what differs and returns the Vietnamese names of the fields that changed (none: unchanged, nothing touched).</summary>
    private List<string> Update(Exemplar e, ExemplarDraft d, Movement movement, List<Media> media, bool isNew = false)
    {
        var changed = new List<string>();
        var province = localities.Match(d.Address).Current;
        Set(e.Kind, d.Kind, v => e.Kind = v, "Loại điển hình");
        if (Set(e.Name, d.Name, v => e.Name = v, "Tên"))
        {
            e.Slug = VietnameseText.Slug(d.Name);
            e.NameKey = VietnameseText.Key(d.Name);
        }
        Set(e.Gender, d.Gender, v => e.Gender = v, "Giới tính");
        Set(e.BirthYear, d.BirthYear, v => e.BirthYear = v, "Năm sinh");
        Set(e.Ethnicity, d.Ethnicity, v => e.Ethnicity = v, "Dân tộc");
        Set(e.Position, d.Position, v => e.Position = v, "Chức vụ, đơn vị công tác");
        Set(e.AddressAsRecognised, d.Address, v => e.AddressAsRecognised = v, "Địa chỉ");
        Set(e.ProvinceId, province?.Id, v => e.ProvinceId = v, "Tỉnh/thành");
        Set(e.Field, d.Area, v => e.Field = v, "Lĩnh vực");
        if (isNew || e.MovementId != movement.Id)
        {
            if (!isNew) changed.Add("Phong trào");
            e.Movement = movement;
        }
        Set(e.Summary, d.Summary, v => e.Summary = v, "Tóm tắt thành tích");
        if (d.Body.Length > 0) Set(e.Body, d.Body, v => e.Body = v, "Nội dung");
        Set(e.PrivateContact, d.PrivateContact, v => e.PrivateContact = v, "Liên hệ nội bộ");

        var recognition = d.Award is null && d.DecisionNumber is null && d.DecisionDate is null && d.Issuer is null ? null : new Recognition
        {
            Award = d.Award ?? "",
            DecisionNumberAsWritten = d.DecisionNumberAsWritten,
            DecisionNumber = d.DecisionNumber,
            DecisionDate = d.DecisionDate,
            Issuer = d.Issuer,
            Level = AwardLevels.Of(d.Award, d.Issuer),
        };
        var same = recognition is null
            ? e.Recognitions.Count == 0
            : e.Recognitions.Count == 1 && e.Recognitions[0] is var r && r.Award == recognition.Award && r.DecisionNumberAsWritten == recognition.DecisionNumberAsWritten &&
              r.DecisionNumber == recognition.DecisionNumber && r.DecisionDate == recognition.DecisionDate && r.Issuer == recognition.Issuer;
        if (!same)
        {
            if (!isNew) changed.Add("Khen thưởng");
            foreach (var old in e.Recognitions.ToList())
            {
                e.Recognitions.Remove(old);
                if (!isNew) context.Db.Recognitions.Remove(old);
            }
            if (recognition is not null) e.Recognitions.Add(recognition);
        }

        // Photos: only when the row names some; a row without the column keeps what staff attached.
        if (d.PhotoNames.Count > 0 && media.Count > 0)
        {
            var current = e.Photos.OrderBy(p => p.SortOrder).Select(p => p.Media.Sha256).ToList();
            if (!current.SequenceEqual(media.Select(m => m.Sha256)))
            {
                if (!isNew) changed.Add("Ảnh");
                foreach (var old in e.Photos.ToList()) e.Photos.Remove(old);
                e.Photos.AddRange(media.Select((m, i) => new ExemplarPhoto { Media = m, SortOrder = i }));
            }
        }

        if (changed.Count > 0 || isNew)
        {
            e.SourceFile = ApplyContext.Truncate(d.SourceFile, 400);
            e.SourceRow = d.SourceRow;
            e.ImportedAt = context.Now;
        }
        return changed;

        bool Set<T>(T current, T value, Action<T> assign, string label)
        {
            if (EqualityComparer<T>.Default.Equals(current, value)) return false;
            assign(value);
            if (!isNew) changed.Add(label);
            return true;
        }
    }
}
