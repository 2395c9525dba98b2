using System.Globalization;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using GuongSang.Import;
using GuongSang.Import.Mapping;
using GuongSang.Import.Privacy;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager.Editing;

/// <summary>
/// The one way the manager's pages and the management API create, change and move exemplars through the workflow:
/// who may (<see cref="ContentAccess"/>), what is valid, what personal data is hidden (the importer's redaction,
/// on the same fields), optimistic concurrency on the version, and the audit log of every workflow step.
/// </summary>
public sealed class ExemplarEditor(GuongSangDb db, IAuditLog audit, DataFolder dataFolder)
{
    /// <summary>The largest photo a person may upload: a camera's full-size JPEG is well under it.</summary>
    public const int MaxPhotoBytes = 20 << 20;

    public const int PageSize = 30;

    /// <summary>Made-up codes (when a person gives none) start with this, then a number: "QT-1", "QT-2"…</summary>
    public const string CodePrefix = "QT-";

    private DateTime Now => db.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The exemplars this person sees, filtered and paged, newest change first.</summary>
    public async Task<(List<Exemplar> Items, int Total)> ListAsync(ContentAccess access, ContentStatus? status, string? search, int page, CancellationToken ct)
    {
        var query = access.Visible(db.Exemplars);
        if (status is { } s) query = query.Where(e => e.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var key = VietnameseText.Key(search);
            query = query.Where(e => e.NameKey.Contains(key));
        }
        var total = await query.CountAsync(ct);
        var items = await query.Include(e => e.Agency).OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id)
            .ToPageAsync(new PageRequest(Math.Max(page, 1), PageSize), total, ct);
        return (items, total);
    }

    /// <summary>One exemplar this person sees, with all it holds; null when it does not exist for them.</summary>
    public Task<Exemplar?> FindAsync(ContentAccess access, int id, CancellationToken ct, bool tracking = false)
    {
        var query = access.Visible(db.Exemplars).Where(e => e.Id == id)
            .Include(e => e.Agency).Include(e => e.Movement).Include(e => e.Province)
            .Include(e => e.Recognitions).Include(e => e.Photos).ThenInclude(p => p.Media).ThenInclude(m => m.Variants)
            .AsSplitQuery();
        return (tracking ? query.AsTracking() : query).FirstOrDefaultAsync(ct);
    }

    /// <summary>The articles about this exemplar that this person sees.</summary>
    public Task<List<Article>> RelatedArticlesAsync(ContentAccess access, int id, CancellationToken ct) =>
        access.Visible(db.Articles).Where(a => a.Exemplars.Any(x => x.ExemplarId == id)).OrderBy(a => a.Id).ToListAsync(ct);

    public Task<List<Movement>> MovementsAsync(CancellationToken ct) =>
        db.Movements.Where(m => !m.NeedsReview).OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(ct);

    public Task<List<Locality>> ProvincesAsync(CancellationToken ct) =>
        db.Localities.Where(l => l.IsCurrent).OrderBy(l => l.Name).ToListAsync(ct);

    /// <summary>The agencies a person may write for: their own for an Agency account, every confirmed one for the others.</summary>
    public Task<List<Agency>> AgenciesAsync(ContentAccess access, CancellationToken ct) =>
        (access.AgencyCode is { } code ? db.Agencies.Where(a => a.Code == code) : db.Agencies.Where(a => !a.NeedsReview))
            .OrderBy(a => a.Name).ToListAsync(ct);

    public async Task<EditOutcome> CreateAsync(ContentAccess access, ExemplarInput input, CancellationToken ct)
    {
        if (!access.MayCreate) return EditOutcome.Of(EditStatus.Forbidden);
        var errors = new Dictionary<string, string>();
        var agencyCode = access.AgencyCode ?? Clean(input.Agency);
        var agency = agencyCode is null ? null
            : (await AgenciesAsync(access, ct)).FirstOrDefault(a => string.Equals(a.Code, agencyCode, StringComparison.OrdinalIgnoreCase));
        if (agency is null)
        {
            errors[nameof(input.Agency)] = agencyCode is null ? "Hãy chọn cơ quan." : $"Không có cơ quan mã \"{agencyCode}\".";
        }
        var code = Clean(input.Code);
        if (code is not null && agency is not null)
        {
            if (code.Length > FieldLimits.Of(Import.Mapping.Field.Code)) errors[nameof(input.Code)] = ExemplarTexts.TooLong(code.Length, FieldLimits.Of(Import.Mapping.Field.Code));
            // The code is a key, never shown masked: one holding personal data is refused, as in an import.
            else if (Redactor.Redact(code).Found is [var kind, ..]) errors[nameof(input.Code)] = $"Mã hồ sơ chứa {Redactor.Describe(kind)}: hãy dùng mã khác.";
            else if (await CodeTakenAsync(agency.Id, code, ct)) errors[nameof(input.Code)] = $"Cơ quan đã có điển hình mã \"{code}\".";
        }

        var exemplar = new Exemplar
        {
            Code = "",
            Name = "",
            Slug = "",
            NameKey = "",
            Status = ContentStatus.Draft,
            CreatedAt = Now,
            UpdatedAt = Now,
            SourceUser = access.Name,
        };
        var redacted = new List<string>();
        await ApplyAsync(access, exemplar, input, errors, redacted, ct);
        if (errors.Count > 0) return new EditOutcome(EditStatus.Invalid, null, errors, redacted);

        exemplar.AgencyId = agency!.Id;
        exemplar.Code = code ?? await NewCodeAsync(agency.Id, ct);
        db.Actor = access.Name;
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync(ct);
        return new EditOutcome(EditStatus.Saved, await FindAsync(access, exemplar.Id, ct), errors, redacted);
    }

    public async Task<EditOutcome> UpdateAsync(ContentAccess access, int id, ExemplarInput input, CancellationToken ct)
    {
        var exemplar = await FindAsync(access, id, ct, tracking: true);
        if (exemplar is null) return EditOutcome.Of(EditStatus.NotFound, ExemplarTexts.NotFound);
        if (!access.MayEdit(exemplar)) return EditOutcome.Of(EditStatus.Forbidden, "Bài đã đăng chỉ Ban Thi đua - Khen thưởng mới sửa được.");
        if (exemplar.Version != input.Version) return await ConflictAsync(access, id, ct);

        var errors = new Dictionary<string, string>();
        var redacted = new List<string>();
        await ApplyAsync(access, exemplar, input, errors, redacted, ct);
        var wasPublished = exemplar.Status == ContentStatus.Published;
        if (wasPublished && errors.Count == 0 && ContentWorkflow.Correct(exemplar, input.CorrectionNote, Now) is { Done: false, Error: var error })
        {
            errors[nameof(input.CorrectionNote)] = error!;
        }
        if (errors.Count > 0) return new EditOutcome(EditStatus.Invalid, null, errors, redacted);
        return await SaveAsync(access, exemplar, input.Version, redacted, wasPublished ? AuditActions.Corrected : null,
            wasPublished ? new { note = exemplar.CorrectionNote } : null, ct);
    }

    /// <summary>Stores a photo with the same checks as an imported one (what the bytes really are, readable, no metadata kept) and attaches it.</summary>
    public async Task<EditOutcome> AddPhotoAsync(
        ContentAccess access, int id, int version, byte[] bytes, string fileName, string? alt, CancellationToken ct)
    {
        var exemplar = await FindAsync(access, id, ct, tracking: true);
        if (exemplar is null) return EditOutcome.Of(EditStatus.NotFound, ExemplarTexts.NotFound);
        if (!access.MayEdit(exemplar)) return EditOutcome.Of(EditStatus.Forbidden, "Bài đã đăng chỉ Ban Thi đua - Khen thưởng mới sửa được.");
        if (exemplar.Version != version) return await ConflictAsync(access, id, ct);
        if (exemplar.Status == ContentStatus.Published)
        {
            return EditOutcome.Of(EditStatus.Invalid, "Bài đã đăng: hãy thêm ảnh cùng lý do cập nhật, hoặc trả bài về bản nháp trước.", "Photo");
        }
        if (bytes.Length > MaxPhotoBytes)
        {
            return EditOutcome.Of(EditStatus.Invalid, $"Ảnh \"{fileName}\" quá lớn: tối đa {MaxPhotoBytes >> 20} MiB.", "Photo");
        }

        var redacted = new List<string>();
        var texts = new PublishedPhotoTexts { Alt = Clean(alt) ?? exemplar.Name };
        Redact(texts, redacted, null);
        var sha = MediaStore.Sha256Of(bytes);
        var media = await db.Media.AsTracking().FirstOrDefaultAsync(m => m.Sha256 == sha, ct);
        IReadOnlyList<string> created = [];
        var store = new MediaStore(dataFolder);
        if (media is null)
        {
            try
            {
                var photo = store.Store(bytes, Path.GetFileName(fileName), dryRun: false, Now, sha);
                media = photo.Media;
                created = photo.CreatedFiles;
            }
            catch (InvalidDataException e)
            {
                return EditOutcome.Of(EditStatus.Invalid, $"Ảnh \"{Path.GetFileName(fileName)}\": {e.Message}.", "Photo");
            }
            media.AltText = Truncate(texts.Alt!, 400);
        }
        if (exemplar.Photos.Any(p => p.MediaId == media.Id && media.Id != 0))
        {
            return EditOutcome.Of(EditStatus.Invalid, "Ảnh này đã có trong bài.", "Photo");
        }
        exemplar.Photos.Add(new ExemplarPhoto { Media = media, SortOrder = exemplar.Photos.Select(p => p.SortOrder + 1).DefaultIfEmpty(0).Max() });
        try
        {
            return await SaveAsync(access, exemplar, version, redacted, null, null, ct);
        }
        catch
        {
            store.Delete(created);
            throw;
        }
    }

    /// <summary>
    /// Takes one workflow step. <paramref name="at"/> schedules a publication (UTC); <paramref name="reason"/> is a
    /// withdrawal's public reason. Audited with who, what and from where.
    /// </summary>
    public async Task<EditOutcome> TakeAsync(
        ContentAccess access, int id, WorkflowAction action, DateTime? at, string? reason, CancellationToken ct)
    {
        var exemplar = await FindAsync(access, id, ct, tracking: true);
        if (exemplar is null) return EditOutcome.Of(EditStatus.NotFound, ExemplarTexts.NotFound);
        if (!access.MayTake(action, exemplar))
        {
            return EditOutcome.Of(EditStatus.Forbidden, $"Bạn không có quyền {ContentWorkflow.ActionName(action)} bài này.");
        }
        if (!ContentWorkflow.CanTake(exemplar.Status, action))
        {
            return EditOutcome.Of(EditStatus.WrongState, ContentWorkflow.Apply(exemplar, action, Now).Error);
        }
        var result = ContentWorkflow.Apply(exemplar, action, Now, at, reason);
        if (!result.Done)
        {
            return EditOutcome.Of(EditStatus.Invalid, result.Error, action == WorkflowAction.Withdraw ? "Reason" : "At");
        }
        // The step and its audit line are saved together (the audit log saves this same context), as for articles.
        db.Actor = access.Name;
        await audit.RecordAsync(AuditActions.Of(action, exemplar.Status), ScheduledPublishing.Target(exemplar), new
        {
            status = WorkflowVerbs.StatusCode(exemplar.Status),
            at = exemplar.ScheduledAt,
            reason = exemplar.WithdrawalReason,
        }, ct: ct);
        return new EditOutcome(EditStatus.Saved, await FindAsync(access, id, ct), new Dictionary<string, string>(), []);
    }

    private async Task<EditOutcome> SaveAsync(
        ContentAccess access, Exemplar exemplar, int version, List<string> redacted, string? auditAction, object? detail, CancellationToken ct)
    {
        db.Actor = access.Name;
        // The row is updated only where its version is still the one the person started from.
        db.Entry(exemplar).Property(e => e.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(access, exemplar.Id, ct);
        }
        if (auditAction is not null) await audit.RecordAsync(auditAction, ScheduledPublishing.Target(exemplar), detail, ct: ct);
        return new EditOutcome(EditStatus.Saved, await FindAsync(access, exemplar.Id, ct), new Dictionary<string, string>(), redacted);
    }

    /// <summary>Someone else saved first: nothing is written, and the version they saved is returned to be shown beside the person's own.</summary>
    private async Task<EditOutcome> ConflictAsync(ContentAccess access, int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await FindAsync(access, id, ct);
        return new EditOutcome(current is null ? EditStatus.NotFound : EditStatus.Conflict, current,
            new Dictionary<string, string> { [""] = ExemplarTexts.Conflict }, []);
    }

    /// <summary>Cleans (NFC), redacts and checks the input, and sets what is valid on the exemplar; errors are per field.</summary>
    private async Task ApplyAsync(
        ContentAccess access, Exemplar e, ExemplarInput input, Dictionary<string, string> errors, List<string> redacted, CancellationToken ct)
    {
        var texts = new PublishedExemplarTexts
        {
            Name = Clean(input.Name),
            Gender = Clean(input.Gender),
            Ethnicity = Clean(input.Ethnicity),
            Position = Clean(input.Position),
            Address = Clean(input.Address),
            Field = Clean(input.Field),
            Summary = Clean(input.Summary),
            Body = CleanBody(input.Body),
        };
        Redact(texts, redacted, null);

        if (texts.Name is null) errors[nameof(input.Name)] = ExemplarTexts.Required(nameof(input.Name));
        else e.Name = Limited(texts.Name, nameof(input.Name), Import.Mapping.Field.Name, errors)!;
        if (Texts.TryParseKindCode(Clean(input.Kind)?.ToLowerInvariant(), out var kind)) e.Kind = kind;
        else errors[nameof(input.Kind)] = input.Kind is null or "" ? "Hãy chọn loại điển hình." : "Loại điển hình phải là cá nhân, tập thể, hộ gia đình hoặc mô hình.";
        e.Gender = Limited(texts.Gender, nameof(input.Gender), Import.Mapping.Field.Gender, errors);
        e.Ethnicity = Limited(texts.Ethnicity, nameof(input.Ethnicity), Import.Mapping.Field.Ethnicity, errors);
        e.Position = Limited(texts.Position, nameof(input.Position), Import.Mapping.Field.Position, errors);
        e.AddressAsRecognised = Limited(texts.Address, nameof(input.Address), Import.Mapping.Field.Address, errors);
        e.Field = Limited(texts.Field, nameof(input.Field), Import.Mapping.Field.Area, errors);
        e.Summary = Limited(texts.Summary, nameof(input.Summary), Import.Mapping.Field.Summary, errors) ?? "";
        e.Body = Limited(texts.Body, nameof(input.Body), Import.Mapping.Field.Body, errors) ?? "";
        e.PrivateContact = Limited(Clean(input.PrivateContact), nameof(input.PrivateContact), Import.Mapping.Field.PrivateContact, errors);
        e.Slug = VietnameseText.Slug(e.Name);
        e.NameKey = VietnameseText.Key(e.Name);

        var year = Clean(input.BirthYear);
        if (year is null) e.BirthYear = null;
        else if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1850 && y <= VietnamTime.ToLocal(Now).Year) e.BirthYear = y;
        else errors[nameof(input.BirthYear)] = $"Năm sinh phải là một năm từ 1850 đến {VietnamTime.ToLocal(Now).Year}.";

        var movementSlug = Clean(input.Movement);
        var movement = movementSlug is null ? null : await db.Movements.AsTracking().FirstOrDefaultAsync(m => m.Slug == movementSlug && !m.NeedsReview, ct);
        if (movement is null) errors[nameof(input.Movement)] = movementSlug is null ? "Hãy chọn phong trào thi đua." : $"Không có phong trào \"{movementSlug}\" đã xác nhận.";
        else e.Movement = movement;

        var provinceSlug = Clean(input.Province);
        if (provinceSlug is null) e.ProvinceId = null;
        else if (await db.Localities.FirstOrDefaultAsync(l => l.Slug == provinceSlug && l.IsCurrent, ct) is { } province) e.ProvinceId = province.Id;
        else errors[nameof(input.Province)] = $"Không có tỉnh/thành phố \"{provinceSlug}\" (sau ngày 01/07/2025).";

        if (input.Recognitions is not null) ApplyRecognitions(e, input.Recognitions, errors, redacted);
        if (input.Photos is not null) ApplyPhotos(e, input.Photos, errors, redacted);
        if (input.ArticleIds is not null) await ApplyArticlesAsync(access, e, input.ArticleIds, errors, ct);
    }

    private void ApplyRecognitions(Exemplar e, List<RecognitionInput> rows, Dictionary<string, string> errors, List<string> redacted)
    {
        var kept = new HashSet<Recognition>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Remove || row.IsBlank) continue;
            var stored = row.Id is { } rid ? e.Recognitions.FirstOrDefault(r => r.Id == rid) : null;
            if (row.Id is not null && stored is null)
            {
                errors[ExemplarTexts.RecognitionKey(i, "Id")] = ExemplarTexts.RecognitionRow(i, "khen thưởng này không thuộc điển hình.");
                continue;
            }
            var texts = new PublishedRecognitionTexts { Award = Clean(row.Award), DecisionNumber = Clean(row.DecisionNumber), Issuer = Clean(row.Issuer) };
            Redact(texts, redacted, i);
            string Key(string field) => ExemplarTexts.RecognitionKey(i, field);
            if (texts.Award is null) errors[Key(nameof(row.Award))] = ExemplarTexts.RecognitionRow(i, "hãy nhập hình thức khen thưởng.");
            else if (texts.Award.Length > FieldLimits.Of(Import.Mapping.Field.Award))
                errors[Key(nameof(row.Award))] = ExemplarTexts.RecognitionRow(i, "hình thức khen thưởng " + ExemplarTexts.TooLong(texts.Award.Length, FieldLimits.Of(Import.Mapping.Field.Award)).ToLowerInvariant());
            if (texts.DecisionNumber is { Length: > 100 }) errors[Key(nameof(row.DecisionNumber))] = ExemplarTexts.RecognitionRow(i, "số quyết định dài quá 100 ký tự.");
            if (texts.Issuer is { } issuer && issuer.Length > FieldLimits.ShortText) errors[Key(nameof(row.Issuer))] = ExemplarTexts.RecognitionRow(i, $"cơ quan ban hành dài quá {FieldLimits.ShortText} ký tự.");
            DateOnly? date = null;
            if (Clean(row.DecisionDate) is { } dateText)
            {
                if (ParseDate(dateText) is { } d) date = d;
                else errors[Key(nameof(row.DecisionDate))] = ExemplarTexts.RecognitionRow(i, $"ngày quyết định \"{dateText}\" phải theo dạng dd/MM/yyyy, ví dụ 05/03/2025.");
            }
            if (ExemplarCodes.ParseLevel(row.Level) is not { } level)
            {
                errors[Key(nameof(row.Level))] = ExemplarTexts.RecognitionRow(i, "cấp khen thưởng phải là xã, huyện, tỉnh hoặc trung ương.");
                continue;
            }
            if (texts.Award is null) continue;
            var r = stored ?? new Recognition { Award = "" };
            r.Award = texts.Award;
            r.DecisionNumberAsWritten = texts.DecisionNumber;
            r.DecisionNumber = DecisionNumber.Normalize(texts.DecisionNumber);
            r.DecisionDate = date;
            r.Issuer = texts.Issuer;
            r.Level = level;
            r.Posthumous = row.Posthumous;
            if (stored is null) e.Recognitions.Add(r);
            kept.Add(r);
        }
        // Taken out of the list, a stored recognition is deleted (it cannot exist without its exemplar).
        foreach (var gone in e.Recognitions.Where(r => !kept.Contains(r)).ToList()) e.Recognitions.Remove(gone);
    }

    private void ApplyPhotos(Exemplar e, List<PhotoInput> rows, Dictionary<string, string> errors, List<string> redacted)
    {
        var keep = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var photo = e.Photos.FirstOrDefault(p => p.MediaId == row.MediaId);
            if (photo is null)
            {
                errors[ExemplarTexts.PhotoKey(i, nameof(row.MediaId))] = $"Ảnh số {row.MediaId} không thuộc điển hình này.";
                continue;
            }
            if (row.Remove) continue;
            keep.Add(row.MediaId);
            var texts = new PublishedPhotoTexts { Alt = Clean(row.Alt) };
            Redact(texts, redacted, null);
            if (texts.Alt is null) errors[ExemplarTexts.PhotoKey(i, nameof(row.Alt))] = "Hãy nhập chú thích ảnh (cho người không xem được ảnh).";
            else if (texts.Alt.Length > 400) errors[ExemplarTexts.PhotoKey(i, nameof(row.Alt))] = "Chú thích ảnh " + ExemplarTexts.TooLong(texts.Alt.Length, 400).ToLowerInvariant();
            else photo.Media.AltText = texts.Alt;
        }
        foreach (var gone in e.Photos.Where(p => !keep.Contains(p.MediaId)).ToList()) e.Photos.Remove(gone);
    }

    private async Task ApplyArticlesAsync(ContentAccess access, Exemplar e, List<int> ids, Dictionary<string, string> errors, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var visible = await access.Visible(db.Articles).Where(a => wanted.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        if (wanted.Except(visible).ToList() is { Count: > 0 } unknown)
        {
            errors[nameof(ExemplarInput.ArticleIds)] = $"Không tìm thấy bài viết số {string.Join(", ", unknown)}.";
            return;
        }
        var links = db.Set<ArticleExemplar>();
        // Links to articles this person cannot see are not theirs to remove.
        var current = e.Id == 0 ? [] : await links.AsTracking().Where(x => x.ExemplarId == e.Id && access.Visible(db.Articles).Any(a => a.Id == x.ArticleId)).ToListAsync(ct);
        links.RemoveRange(current.Where(x => !wanted.Contains(x.ArticleId)));
        foreach (var id in wanted.Where(id => current.All(x => x.ArticleId != id))) links.Add(new ArticleExemplar { ArticleId = id, Exemplar = e });
    }

    /// <summary>The importer's redaction on the same published fields; what was hidden is told to the person, by field.</summary>
    private static void Redact(object texts, List<string> redacted, int? recognitionRow)
    {
        var report = new RowReport { Outcome = RowOutcome.Updated };
        Redactor.RedactFields(texts, report);
        foreach (var found in report.Redactions)
        {
            var message = $"đã ẩn {Redactor.Describe(found.Kind)} trong \"{found.Field}\" trước khi lưu";
            redacted.Add(recognitionRow is { } i ? ExemplarTexts.RecognitionRow(i, message) : char.ToUpperInvariant(message[0]) + message[1..]);
        }
    }

    private static string? Limited(string? text, string key, Import.Mapping.Field field, Dictionary<string, string> errors)
    {
        if (text is not null && text.Length > FieldLimits.Of(field)) errors[key] = ExemplarTexts.TooLong(text.Length, FieldLimits.Of(field));
        return text;
    }

    private static string? Clean(string? text) => VietnameseText.Clean(text) is { Length: > 0 } clean ? clean : null;

    /// <summary>Markdown keeps its line breaks; only the line endings are made one kind.</summary>
    private static string? CleanBody(string? text) => Clean(text?.Replace("\r\n", "\n"));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private async Task<bool> CodeTakenAsync(int agencyId, string code, CancellationToken ct)
    {
        // Compared here, not in SQL: case-insensitive the same way on every database.
        var codes = await db.Exemplars.Where(e => e.AgencyId == agencyId).Select(e => e.Code).ToListAsync(ct);
        return codes.Contains(code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The next free "QT-n" of the agency.</summary>
    private async Task<string> NewCodeAsync(int agencyId, CancellationToken ct)
    {
        var taken = await db.Exemplars.Where(e => e.AgencyId == agencyId && e.Code.StartsWith(CodePrefix)).Select(e => e.Code).ToListAsync(ct);
        var next = taken.Select(c => int.TryParse(c[CodePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max() + 1;
        return CodePrefix + next.ToString(CultureInfo.InvariantCulture);
    }
}
