using System.Text.Json;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GuongSang.Content.History;

/// <summary>One save of an item, as the manager lists it.</summary>
/// <param name="Number">1 for the first save of the item, counting up.</param>
/// <param name="Fields">Vietnamese names of the fields it changed; a private field only as "đã thay đổi (trường riêng tư)".</param>
public sealed record RevisionSummary(long Id, int Number, string Author, DateTime At, string Action, IReadOnlyList<string> Fields)
{
    public string ActionName => Action switch
    {
        "created" => "Tạo mới",
        "deleted" => "Xóa",
        _ => "Sửa",
    };
}

/// <summary>A run of words: "equal", "delete" (only in the older revision) or "insert" (only in the newer).</summary>
public sealed record DiffPiece(string Op, string Text);

/// <summary>
/// How one field differs between two revisions. <see cref="Note"/> stands in for the words when they cannot or must
/// not be shown: a private field, or a list whose old history kept no values.
/// </summary>
public sealed record FieldDiff(string Field, string Label, IReadOnlyList<DiffPiece> Pieces, string? Note);

public sealed record RevisionDiff(RevisionSummary From, RevisionSummary To, IReadOnlyList<FieldDiff> Fields);

public enum RestoreOutcome { Restored, RevisionNotFound, Conflict, Refused }

/// <summary>
/// The outcome of a restore: the item's version after it (or today's, on a conflict), a Vietnamese reason when
/// refused, and the lists whose old history has no values and so were left as they are.
/// </summary>
/// <param name="Field">The request field a refusal is about: "correction" for a missing or too long note, else "revision".</param>
public sealed record RestoreResult(RestoreOutcome Outcome, int Version, string? Error, IReadOnlyList<string> KeptAsIs, string Field = "revision")
{
    public const string ConflictMessage = Workflow.ContentWorkflow.ConflictMessage;
}

/// <summary>
/// The revisions of exemplars and articles: list them, rebuild an item as of any revision, compare two word by word,
/// and restore one as a new save. Who may see or restore is the caller's question (the manager's ContentAccess);
/// private fields are never shown here nor written back from history, and workflow fields (status, dates, version)
/// are shown but never restored: a restore brings back content only.
/// </summary>
public sealed partial class RevisionHistory(GuongSangDb db, IAuditLog audit)
{
    public const string PrivateChanged = "đã thay đổi (trường riêng tư)";
    public const string NoOldValues = "lịch sử cũ chỉ ghi là có thay đổi, không ghi giá trị: không so sánh được";

    /// <summary>Fields a restore writes back, per owner type. Slugs stay (they are URLs); the agency and its code never move.</summary>
    private static readonly Dictionary<string, string[]> Restorable = new()
    {
        [nameof(Exemplar)] =
        [
            nameof(Exemplar.Kind), nameof(Exemplar.Name), nameof(Exemplar.Gender), nameof(Exemplar.BirthYear), nameof(Exemplar.Ethnicity),
            nameof(Exemplar.Position), nameof(Exemplar.AddressAsRecognised), nameof(Exemplar.ProvinceId), nameof(Exemplar.Field),
            nameof(Exemplar.MovementId), nameof(Exemplar.Summary), nameof(Exemplar.Body), "Recognition[]", "ExemplarPhoto[]",
        ],
        [nameof(Article)] =
        [
            nameof(Article.Title), nameof(Article.Body), nameof(Article.Author), nameof(Article.MovementId), nameof(Article.CoverMediaId),
            "ArticleTag[]", "ArticleExemplar[]",
        ],
    };

    /// <summary>Never shown by value, never restored (the history has no value for them anyway).</summary>
    private static readonly HashSet<string> Private = [nameof(Exemplar.PrivateContact), nameof(Agency.ApiKeyHash)];

    /// <summary>Bookkeeping nobody needs to compare.</summary>
    private static readonly HashSet<string> Hidden = [nameof(Exemplar.NameKey), nameof(Exemplar.UpdatedAt), nameof(Exemplar.Version)];

    private static readonly Dictionary<string, string> Labels = new()
    {
        [nameof(Exemplar.Kind)] = "Loại", [nameof(Exemplar.Name)] = "Tên", [nameof(Exemplar.Slug)] = "Đường dẫn",
        [nameof(Exemplar.Code)] = "Mã hồ sơ", [nameof(Exemplar.Gender)] = "Giới tính", [nameof(Exemplar.BirthYear)] = "Năm sinh",
        [nameof(Exemplar.Ethnicity)] = "Dân tộc", [nameof(Exemplar.Position)] = "Chức vụ",
        [nameof(Exemplar.AddressAsRecognised)] = "Địa chỉ khi được khen", [nameof(Exemplar.ProvinceId)] = "Tỉnh, thành phố",
        [nameof(Exemplar.Field)] = "Lĩnh vực", [nameof(Exemplar.MovementId)] = "Phong trào", [nameof(Exemplar.Summary)] = "Tóm tắt",
        [nameof(Exemplar.Body)] = "Nội dung", [nameof(Exemplar.Status)] = "Trạng thái", [nameof(Exemplar.PublishedAt)] = "Ngày đăng",
        [nameof(Exemplar.CreatedAt)] = "Ngày tạo", [nameof(Exemplar.IsFeatured)] = "Nổi bật",
        [nameof(Exemplar.ScheduledAt)] = "Hẹn giờ đăng", [nameof(Exemplar.WithdrawnAt)] = "Ngày thu hồi",
        [nameof(Exemplar.WithdrawalReason)] = "Lý do thu hồi", [nameof(Exemplar.CorrectedAt)] = "Ngày cập nhật",
        [nameof(Exemplar.CorrectionNote)] = "Ghi chú cập nhật", [nameof(Exemplar.IsSample)] = "Dữ liệu mẫu",
        [nameof(Exemplar.SourceFile)] = "Tệp nguồn", [nameof(Exemplar.SourceRow)] = "Dòng trong tệp nguồn",
        [nameof(Exemplar.SourceUser)] = "Người tạo", [nameof(Exemplar.ImportedAt)] = "Ngày nhập",
        [nameof(Exemplar.PrivateContact)] = "Liên hệ riêng", [nameof(Exemplar.AgencyId)] = "Cơ quan",
        [nameof(Article.Title)] = "Tiêu đề", [nameof(Article.Author)] = "Tác giả", [nameof(Article.CoverMediaId)] = "Ảnh bìa",
        [nameof(Article.CreatedBy)] = "Người tạo", [nameof(Article.SourceDocument)] = "Tài liệu nguồn",
        ["Recognition[]"] = "Khen thưởng", ["ExemplarPhoto[]"] = "Ảnh", ["ArticleTag[]"] = "Thẻ",
        ["ArticleExemplar[]"] = "Gương điển hình liên quan",
    };

    public static string Label(string field) => Labels.GetValueOrDefault(field, field);

    /// <summary>The item's revisions, oldest first.</summary>
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(string entityType, int id, CancellationToken ct = default) =>
        [.. (await RowsAsync(entityType, id, ct)).Select(Summary)];

    /// <summary>The item as of a revision: each field's value (JSON), and each child list's rows, null when history cannot tell.</summary>
    public async Task<ItemState?> StateAsOfAsync(IWorkflowItem item, long revisionId, CancellationToken ct = default)
    {
        var entry = Tracked(item);
        var rows = await RowsAsync(entry.Metadata.ClrType.Name, item.Id, ct);
        var index = rows.FindIndex(r => r.Revision.Id == revisionId);
        return index < 0 ? null : await StateAsync(entry, rows, index, ct);
    }

    /// <summary>Word by word, the fields that differ between two revisions of the item (either order; shown older → newer).</summary>
    public async Task<RevisionDiff?> DiffAsync(IWorkflowItem item, long fromId, long toId, CancellationToken ct = default)
    {
        var entry = Tracked(item);
        var rows = await RowsAsync(entry.Metadata.ClrType.Name, item.Id, ct);
        var (a, b) = (rows.FindIndex(r => r.Revision.Id == fromId), rows.FindIndex(r => r.Revision.Id == toId));
        if (a < 0 || b < 0) return null;
        if (a > b) (a, b) = (b, a);
        var older = await StateAsync(entry, rows, a, ct);
        var newer = await StateAsync(entry, rows, b, ct);
        var names = await NamesAsync(ct);
        var fields = new List<FieldDiff>();
        foreach (var field in older.Fields.Keys.Where(f => !Hidden.Contains(f)))
        {
            var (before, after) = (Display(field, older.Fields[field], names), Display(field, newer.Fields.GetValueOrDefault(field), names));
            if (before != after) fields.Add(new FieldDiff(field, Label(field), Words(before, after), null));
        }
        foreach (var list in older.Children.Keys)
        {
            var (before, after) = (older.Children[list], newer.Children[list]);
            if (before is null || after is null)
            {
                if (rows.Skip(a + 1).Take(b - a).Any(r => r.Changes.ContainsKey(list))) fields.Add(new FieldDiff(list, Label(list), [], NoOldValues));
                continue;
            }
            var (beforeText, afterText) = (ListText(list, before, names), ListText(list, after, names));
            if (beforeText != afterText) fields.Add(new FieldDiff(list, Label(list), Words(beforeText, afterText), null));
        }
        // A private field is named when it changed between the two, never shown.
        foreach (var field in Private)
        {
            if (rows.Skip(a + 1).Take(b - a).Any(r => r.Changes.ContainsKey(field))) fields.Add(new FieldDiff(field, Label(field), [], PrivateChanged));
        }
        return new RevisionDiff(rows[a].Summary, rows[b].Summary, fields);
    }

    /// <summary>
    /// Makes the content of a revision the item's current content, in a new save (so a new revision records it) from
    /// <paramref name="version"/>: refused as a conflict when someone saved since. A published item's restore is a
    /// public correction and needs <paramref name="correction"/>, its one-line note. Writes an audit entry.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(IWorkflowItem item, long revisionId, int version, string? correction, CancellationToken ct = default)
    {
        var entry = Tracked(item);
        var type = entry.Metadata.ClrType.Name;
        var rows = await RowsAsync(type, item.Id, ct);
        var index = rows.FindIndex(r => r.Revision.Id == revisionId);
        if (index < 0) return new RestoreResult(RestoreOutcome.RevisionNotFound, item.Version, "Không có phiên bản này.", []);
        if (item.Version != version) return new RestoreResult(RestoreOutcome.Conflict, item.Version, RestoreResult.ConflictMessage, []);
        var state = await StateAsync(entry, rows, index, ct);

        var keptAsIs = new List<string>();
        foreach (var field in Restorable[type])
        {
            if (field.EndsWith("[]", StringComparison.Ordinal))
            {
                if (state.Children[field] is { } children)
                {
                    if (await RestoreChildrenAsync(entry, field, children, ct) is { } missing) return Refused(item, missing);
                }
                else keptAsIs.Add(Label(field));
                continue;
            }
            var property = entry.Property(field);
            var value = state.Fields[field] is { } json ? json.Deserialize(property.Metadata.ClrType) : null;
            if (value is not null && await MissingPrincipalAsync(property.Metadata, value, ct))
            {
                return Refused(item, $"Không khôi phục được: {Label(field)} của phiên bản này không còn trên trang.");
            }
            property.CurrentValue = value;
        }
        if (item is Exemplar exemplar) exemplar.NameKey = VietnameseText.Key(exemplar.Name);

        if (!db.ChangeTracker.HasChanges()) return Refused(item, "Nội dung hiện tại đã giống phiên bản này: không có gì để khôi phục.");
        if (item.Status == ContentStatus.Published)
        {
            var corrected = ContentWorkflow.Correct(item, correction, db.Clock.GetUtcNow().UtcDateTime);
            if (!corrected.Done) return Refused(item, "Bài đang đăng: khôi phục là một lần cập nhật công khai. " + corrected.Error) with { Field = "correction" };
        }

        // The item was read at the version checked above: a save made since finds no row at it and is refused.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await CurrentVersionAsync(type, item.Id, ct);
            return new RestoreResult(RestoreOutcome.Conflict, current, RestoreResult.ConflictMessage, []);
        }
        await audit.RecordAsync(AuditActions.RevisionRestored, $"{type.ToLowerInvariant()}:{item.Id}",
            new { revision = revisionId, number = index + 1, version = item.Version }, ct: ct);
        return new RestoreResult(RestoreOutcome.Restored, item.Version, null, keptAsIs);

        RestoreResult Refused(IWorkflowItem i, string error)
        {
            db.ChangeTracker.Clear();
            return new RestoreResult(RestoreOutcome.Refused, i.Version, error, []);
        }
    }

    /// <summary>The item's fields and child lists as of a revision; a list is null when its history cannot tell.</summary>
    public sealed record ItemState(Dictionary<string, JsonElement?> Fields, Dictionary<string, List<Dictionary<string, JsonElement>>?> Children);

    private sealed record Row(Revision Revision, Dictionary<string, JsonElement> Changes, RevisionSummary Summary);

    private async Task<List<Row>> RowsAsync(string entityType, int id, CancellationToken ct)
    {
        var revisions = await db.Revisions.Where(r => r.EntityType == entityType && r.EntityId == id).OrderBy(r => r.Id).ToListAsync(ct);
        return [.. revisions.Select((r, i) =>
        {
            var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.Changes) ?? [];
            var fields = changes.Keys.Where(f => !Hidden.Contains(f))
                .Select(f => Private.Contains(f) ? $"{Label(f)}: {PrivateChanged}" : Label(f)).ToList();
            return new Row(r, changes, new RevisionSummary(r.Id, i + 1, r.Author, r.At, r.Action, fields));
        })];
    }

    private static RevisionSummary Summary(Row row) => row.Summary;

    private EntityEntry Tracked(IWorkflowItem item)
    {
        var entry = db.Entry((object)item);
        if (entry.State == EntityState.Detached) entry.State = EntityState.Unchanged;
        return entry;
    }

    /// <summary>
    /// Read backwards from today's record: a field's value as of revision N is the last value it was given up to N,
    /// else what the first later change changed it from, else today's. A child list is undone op by op from today's
    /// rows, as far as every later revision kept the rows' values.
    /// </summary>
    private async Task<ItemState> StateAsync(EntityEntry entry, List<Row> rows, int index, CancellationToken ct)
    {
        var fields = new Dictionary<string, JsonElement?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (property.Metadata.IsPrimaryKey() || Private.Contains(name)) continue;
            fields[name] = LastSet(name) ?? FirstChangedFrom(name) ?? JsonSerializer.SerializeToElement(property.CurrentValue);
        }

        var children = new Dictionary<string, List<Dictionary<string, JsonElement>>?>();
        foreach (var navigation in entry.Collections)
        {
            var target = ((INavigation)navigation.Metadata).TargetEntityType;
            var list = target.ClrType.Name + "[]";
            var ownerKey = ((INavigation)navigation.Metadata).ForeignKey.Properties.Single().Name;
            var key = target.FindPrimaryKey()!.Properties.Select(p => p.Name).Where(p => p != ownerKey).Select(Camel).ToArray();
            await navigation.LoadAsync(ct);
            var current = new List<Dictionary<string, JsonElement>>();
            foreach (var child in navigation.CurrentValue!)
            {
                var values = new Dictionary<string, JsonElement>();
                foreach (var property in db.Entry(child).Properties)
                {
                    if (property.Metadata.Name != ownerKey) values[Camel(property.Metadata.Name)] = JsonSerializer.SerializeToElement(property.CurrentValue);
                }
                current.Add(values);
            }
            children[list] = Undo(list, key, current);
        }
        return new ItemState(fields, children);

        JsonElement? LastSet(string name)
        {
            for (var i = index; i >= 0; i--)
            {
                if (rows[i].Changes.TryGetValue(name, out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("to", out var to)) return to;
            }
            return null;
        }

        JsonElement? FirstChangedFrom(string name)
        {
            for (var i = index + 1; i < rows.Count; i++)
            {
                if (rows[i].Changes.TryGetValue(name, out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("from", out var from)) return from;
            }
            return null;
        }

        List<Dictionary<string, JsonElement>>? Undo(string list, string[] key, List<Dictionary<string, JsonElement>> current)
        {
            for (var i = rows.Count - 1; i > index; i--)
            {
                if (!rows[i].Changes.TryGetValue(list, out var ops)) continue;
                // Written before child values were kept: "added", "modified" or "deleted" and nothing more.
                if (ops.ValueKind != JsonValueKind.Array) return null;
                foreach (var op in ops.EnumerateArray().Reverse())
                {
                    var values = op.EnumerateObject().Where(p => p.Name is not ("op" or "from")).ToDictionary(p => p.Name, p => p.Value.Clone());
                    var at = current.FindIndex(row => key.All(k => row.TryGetValue(k, out var v) && values.TryGetValue(k, out var w) && v.GetRawText() == w.GetRawText()));
                    switch (op.GetProperty("op").GetString())
                    {
                        case "added":
                            if (at >= 0) current.RemoveAt(at);
                            break;
                        case "deleted":
                            current.Add(values);
                            break;
                        case "modified" when at >= 0 && op.TryGetProperty("from", out var from):
                            foreach (var old in from.EnumerateObject()) current[at][old.Name] = old.Value.Clone();
                            break;
                    }
                }
            }
            return current;
        }
    }

    /// <summary>Makes the item's child list the rows of <paramref name="wanted"/>; the name of a missing reference when it cannot.</summary>
    private async Task<string?> RestoreChildrenAsync(EntityEntry owner, string list, List<Dictionary<string, JsonElement>> wanted, CancellationToken ct)
    {
        var navigation = owner.Collections.Single(c => ((INavigation)c.Metadata).TargetEntityType.ClrType.Name + "[]" == list);
        var target = ((INavigation)navigation.Metadata).TargetEntityType;
        var ownerKey = ((INavigation)navigation.Metadata).ForeignKey.Properties.Single().Name;
        var key = target.FindPrimaryKey()!.Properties.Select(p => p.Name).Where(p => p != ownerKey).ToArray();
        await navigation.LoadAsync(ct);
        var current = navigation.CurrentValue!.Cast<object>().ToList();
        var kept = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var row in wanted)
        {
            var match = current.FirstOrDefault(c => !kept.Contains(c) && key.All(k =>
                row.TryGetValue(Camel(k), out var v) && JsonSerializer.SerializeToElement(db.Entry(c).Property(k).CurrentValue).GetRawText() == v.GetRawText()));
            object child;
            if (match is not null)
            {
                child = match;
                kept.Add(match);
            }
            else
            {
                child = Activator.CreateInstance(target.ClrType)!;
                db.Add(child);
                db.Entry(child).Property(ownerKey).CurrentValue = owner.Property(owner.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue;
            }
            var entry = db.Entry(child);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                // A generated key is the database's: a row added back gets a new one.
                if (name == ownerKey || (property.Metadata.IsPrimaryKey() && property.Metadata.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)) continue;
                if (!row.TryGetValue(Camel(name), out var json)) continue;
                var value = json.Deserialize(property.Metadata.ClrType);
                if (value is not null && await MissingPrincipalAsync(property.Metadata, value, ct))
                {
                    return $"Không khôi phục được: {Label(list)} của phiên bản này nhắc đến {Label(property.Metadata.GetContainingForeignKeys().First().PrincipalEntityType.ClrType.Name)} số {value}, nay không còn trên trang.";
                }
                if (!Equals(property.CurrentValue, value)) property.CurrentValue = value;
            }
        }
        foreach (var child in current.Where(c => !kept.Contains(c))) db.Remove(child);
        return null;
    }

    private async Task<bool> MissingPrincipalAsync(IReadOnlyProperty property, object value, CancellationToken ct)
    {
        foreach (var foreignKey in property.GetContainingForeignKeys())
        {
            if (foreignKey.Properties.Count == 1 && await db.FindAsync(foreignKey.PrincipalEntityType.ClrType, [value], ct) is null) return true;
        }
        return false;
    }

    private async Task<int> CurrentVersionAsync(string type, int id, CancellationToken ct) => type == nameof(Exemplar)
        ? await db.Exemplars.Where(e => e.Id == id).Select(e => e.Version).SingleAsync(ct)
        : await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(ct);

    /// <summary>Names for the ids a diff shows: movements, provinces, linked exemplars.</summary>
    private async Task<Names> NamesAsync(CancellationToken ct) => new(
        await db.Movements.ToDictionaryAsync(m => m.Id, m => m.Name, ct),
        await db.Localities.ToDictionaryAsync(l => l.Id, l => l.Name, ct));

    private sealed record Names(Dictionary<int, string> Movements, Dictionary<int, string> Provinces);

    /// <summary>A field's value as a person reads it.</summary>
    private static string Display(string field, JsonElement? value, Names names)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null) return "";
        return field switch
        {
            nameof(Exemplar.Status) when v.ValueKind == JsonValueKind.Number => ContentWorkflow.StatusName((ContentStatus)v.GetInt32()),
            nameof(Exemplar.Kind) when v.ValueKind == JsonValueKind.Number => Texts.Kind((ExemplarKind)v.GetInt32()),
            nameof(Exemplar.MovementId) when v.TryGetInt32(out var id) => names.Movements.GetValueOrDefault(id, $"số {id}"),
            nameof(Exemplar.ProvinceId) when v.TryGetInt32(out var id) => names.Provinces.GetValueOrDefault(id, $"số {id}"),
            _ => Scalar(v),
        };
    }

    private static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "Có",
        JsonValueKind.False => "Không",
        JsonValueKind.String when v.TryGetDateTime(out var t) && v.GetString()!.Contains('T') => VietnamTime.DateTimeText(t.ToUniversalTime()),
        JsonValueKind.String when DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", out var d) => VietnamTime.Date(d),
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    /// <summary>A child list as lines, one per row, in a stable order.</summary>
    private static string ListText(string list, List<Dictionary<string, JsonElement>> rows, Names names)
    {
        string Text(Dictionary<string, JsonElement> r, string name) => r.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null ? Scalar(v) : "";
        var lines = rows.Select(r => list switch
        {
            "Recognition[]" => string.Join(" – ", new[]
            {
                Text(r, "award"), Text(r, "decisionNumberAsWritten") is { Length: > 0 } n ? "số " + n : Text(r, "decisionNumber") is { Length: > 0 } m ? "số " + m : "",
                Text(r, "decisionDate") is { Length: > 0 } d ? "ngày " + d : "", Text(r, "issuer"),
                r.TryGetValue("level", out var l) && l.ValueKind == JsonValueKind.Number ? Texts.Level((RecognitionLevel)l.GetInt32()) : "",
                Text(r, "posthumous") == "Có" ? "truy tặng" : "",
            }.Where(s => s.Length > 0)),
            "ExemplarPhoto[]" => $"Ảnh số {Text(r, "mediaId")} (thứ tự {Text(r, "sortOrder")})",
            "ArticleTag[]" => Text(r, "tag"),
            "ArticleExemplar[]" => $"Gương điển hình số {Text(r, "exemplarId")}",
            _ => string.Join("; ", r.Select(p => $"{p.Key}: {Scalar(p.Value)}")),
        });
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Word diff: text is cut into words (letters with their tone marks, digits), runs of spaces and single
    /// punctuation marks, so "Nguyễn" changes whole, never letter by letter.
    /// </summary>
    public static IReadOnlyList<DiffPiece> Words(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, WordChunker);
        var pieces = new List<DiffPiece>();
        var (a, b) = (0, 0);
        foreach (var block in result.DiffBlocks)
        {
            Add("equal", result.PiecesOld, a, block.DeleteStartA - a);
            Add("delete", result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add("insert", result.PiecesNew, block.InsertStartB, block.InsertCountB);
            (a, b) = (block.DeleteStartA + block.DeleteCountA, block.InsertStartB + block.InsertCountB);
        }
        Add("equal", result.PiecesOld, a, result.PiecesOld.Count - a);
        return Joined(pieces);

        void Add(string op, IReadOnlyList<string> from, int start, int count)
        {
            if (count <= 0) return;
            var text = string.Concat(from.Skip(start).Take(count));
            if (pieces.Count > 0 && pieces[^1].Op == op) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            else pieces.Add(new DiffPiece(op, text));
        }
    }

    /// <summary>
    /// Changed words separated only by spaces read as one change ("Bản nháp" → "Chờ duyệt"), not as
    /// word, space, word: such a space goes to both sides, and each run of changes lists what went before what came.
    /// </summary>
    private static List<DiffPiece> Joined(List<DiffPiece> pieces)
    {
        var joined = new List<DiffPiece>();
        var (deleted, inserted) = (new System.Text.StringBuilder(), new System.Text.StringBuilder());
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var between = i > 0 && i < pieces.Count - 1 && piece.Op == "equal" && string.IsNullOrWhiteSpace(piece.Text);
            if (piece.Op == "delete" || between) deleted.Append(piece.Text);
            if (piece.Op == "insert" || between) inserted.Append(piece.Text);
            if (piece.Op != "equal" || between) continue;
            Flush();
            joined.Add(piece);
        }
        Flush();
        return joined;

        void Flush()
        {
            if (deleted.Length > 0) joined.Add(new DiffPiece("delete", deleted.ToString()));
            if (inserted.Length > 0) joined.Add(new DiffPiece("insert", inserted.ToString()));
            deleted.Clear();
            inserted.Clear();
        }
    }

    private static readonly IChunker WordChunker = new RegexChunker();

    private sealed class RegexChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => [.. WordPattern().Matches(text).Select(m => m.Value)];
    }

    /// <summary>\w takes letters, combining tone marks and digits: a Vietnamese word stays whole in either normal form.</summary>
    [GeneratedRegex(@"\w+|\s+|[^\w\s]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
