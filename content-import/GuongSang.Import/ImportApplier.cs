using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Import.Privacy;
using GuongSang.Import.Reading;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import;

/// <summary>
/// Plan and apply one submission in one transaction: agencies, movements, exemplars, photos,
/// articles. A failure rolls everything back and removes the media files it wrote.
/// </summary>
internal sealed partial class ImportApplier(DataFolder dataFolder, TimeProvider clock, ImportOptions options, FileReport report, string actor)
{
    private const int SaveEvery = 500;

    private readonly MediaStore _media = new(dataFolder);
    private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
    private readonly List<string> _createdFiles = [];
    private readonly Dictionary<string, Agency> _agencies = [];
    private readonly Dictionary<string, Movement> _movementsByKey = [];
    private readonly Dictionary<string, PhotoResult> _photos = [];
    private readonly HashSet<Media> _usedNewMedia = [];
    private readonly Dictionary<(Agency Agency, string Code), Exemplar> _exemplarsByCode = [];
    private readonly Dictionary<ExemplarDraft, Agency> _agencyOf = [];
    private readonly List<(Exemplar Exemplar, string? DecisionNumber)> _createdHere = [];
    private GuongSangDb _db = null!;
    private Task _photoWork = Task.CompletedTask;
    private List<Agency> _allAgencies = [];
    private List<(string Key, Movement Movement)> _aliases = [];
    private HashSet<string> _movementSlugs = [];
    private HashSet<string> _agencyCodes = [];
    private LocalityMatcher _localities = null!;

    private sealed record PhotoResult(string Path, Media? Media, string? Error, bool IsNew);

    public async Task RunAsync(Submission submission, string sourceName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, actor);
        db.Clock = clock;
        _db = db;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await LoadAsync(ct);
            _photoFolder = submission.Photos;
            var drafts = new List<ExemplarDraft>();
            foreach (var table in submission.Tables)
            {
                var inner = submission.Format == "zip" ? table.Source[(table.Source.IndexOf('›', StringComparison.Ordinal) + 1)..].Trim() : null;
                var file = inner is null ? sourceName : sourceName + " › " + inner;
                var tableDrafts = RowNormaliser.Normalise(table, submission.Maps[table], file, report, inner);
                foreach (var d in tableDrafts)
                {
                    d.Report.Code ??= d.Code;
                    d.AgencyName ??= table.Agency;
                }
                drafts.AddRange(tableDrafts);
            }

            _photoWork = await StartPhotosAsync(drafts, submission, ct);
            await ApplyExemplarsAsync(drafts, progress, ct);
            await PhotosReadyAsync();
            await ApplyArticlesAsync(submission, drafts, sourceName, ct);
            await db.SaveChangesAsync(ct);

            if (options.DryRun)
            {
                await transaction.RollbackAsync(ct);
            }
            else
            {
                await transaction.CommitAsync(ct);
                // New photos no row ended up using (flagged or rejected rows): not referenced, not kept.
                var unused = _photos.Values.Where(p => p is { IsNew: true, Media: not null } && !_usedNewMedia.Contains(p.Media!))
                    .SelectMany(p => FilesOf(p.Media!)).ToHashSet();
                _media.Delete(_createdFiles.Where(unused.Contains));
            }
        }
        catch
        {
            // Let the photo workers finish before removing what they wrote.
            try
            {
                await _photoWork;
            }
            catch (Exception)
            {
                // Already failing: the first error is the one reported.
            }
            await transaction.RollbackAsync(CancellationToken.None);
            _media.Delete(_createdFiles);
            throw;
        }
    }

    private static IEnumerable<string> FilesOf(Media media) => media.Variants.Select(v => v.StoragePath).Prepend(media.StoragePath);

    private async Task LoadAsync(CancellationToken ct)
    {
        _allAgencies = await _db.Agencies.AsTracking().ToListAsync(ct);
        _agencyCodes = [.. _allAgencies.Select(a => a.Code)];
        var movements = await _db.Movements.AsTracking().Include(m => m.Aliases).ToListAsync(ct);
        _movementSlugs = [.. movements.Select(m => m.Slug)];
        _aliases = [.. movements.SelectMany(m => m.Aliases.Select(a => (a.Key, m))
            .Append((DatabaseInitializer.MovementKey(m.Name), m)))
            .Where(x => x.Item1.Length > 0)
            .DistinctBy(x => (x.Item1, x.m.Id))
            .Select(x => (x.Item1, x.m))];
        _localities = new LocalityMatcher(await _db.Localities.ToListAsync(ct));
        if (options.ForcedAgencyCode is { } code && !_allAgencies.Any(a => a.Code == code))
            throw new ImportRejectedException($"không có cơ quan mã \"{code}\"");
    }

    // ---------------------------------------------------------------- photos

    /// <summary>
    /// Finds the photos rows and articles name, hashes them and looks up the ones already stored;
    /// then starts making web versions of the new ones in the background (the returned task), so
    /// rows without photos are written meanwhile.
    /// </summary>
    private async Task<Task> StartPhotosAsync(List<ExemplarDraft> drafts, Submission submission, CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            // No "Ảnh" column value: photos named after the code belong to the row.
            if (draft.PhotoNames.Count == 0 && submission.Photos.ImagesNamedFor(draft.Code) is { Count: > 0 } byCode)
            {
                draft.PhotoNames.AddRange(byCode);
                draft.Report.Messages.Add($"Ảnh theo mã hồ sơ: {string.Join(", ", byCode)}");
            }
            foreach (var name in draft.PhotoNames)
            {
                var path = submission.Photos.Resolve(name);
                if (path is null) draft.Report.Messages.Add($"Không tìm thấy ảnh \"{name}\" (cột Ảnh); bỏ qua ảnh này");
                else wanted.Add(path);
            }
        }
        foreach (var article in submission.Articles)
        {
            foreach (var name in ImagesOf(article))
            {
                if (submission.Photos.Resolve(name, article.BaseFolder) is { } path) wanted.Add(path);
            }
        }
        if (wanted.Count == 0) return Task.CompletedTask;

        // Hash every photo (in parallel), find the ones already stored, make web versions of the new ones (in parallel).
        var hashes = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(wanted, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, async (path, token) =>
        {
            var bytes = await File.ReadAllBytesAsync(path, token);
            hashes[path] = MediaStore.Sha256Of(bytes);
        });
        var shas = hashes.Values.Distinct().ToList();
        var existing = new Dictionary<string, Media>();
        foreach (var chunk in shas.Chunk(500))
        {
            foreach (var m in await _db.Media.AsTracking().Include(m => m.Variants).Where(m => chunk.Contains(m.Sha256)).ToListAsync(ct))
                existing.TryAdd(m.Sha256, m);
        }

        return Task.Run(() => MakeWebVersionsAsync(wanted, hashes, existing, ct), ct);
    }

    private async Task MakeWebVersionsAsync(HashSet<string> wanted, ConcurrentDictionary<string, string> hashes, Dictionary<string, Media> existing, CancellationToken ct)
    {
        var results = new ConcurrentDictionary<string, PhotoResult>();
        var bySha = new ConcurrentDictionary<string, Lazy<PhotoResult>>();
        await Parallel.ForEachAsync(wanted, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, async (path, token) =>
        {
            var sha = hashes[path];
            if (existing.TryGetValue(sha, out var stored))
            {
                results[path] = new PhotoResult(path, stored, null, false);
                return;
            }
            var bytes = await File.ReadAllBytesAsync(path, token);
            // Two names, same bytes: one media record.
            var result = bySha.GetOrAdd(sha, _ => new Lazy<PhotoResult>(() =>
            {
                try
                {
                    var photo = _media.Store(bytes, Path.GetFileName(path), options.DryRun, _now, sha);
                    lock (_createdFiles) _createdFiles.AddRange(photo.CreatedFiles);
                    return new PhotoResult(path, photo.Media, null, true);
                }
                catch (InvalidDataException e)
                {
                    return new PhotoResult(path, null, e.Message, false);
                }
            })).Value;
            results[path] = result with { Path = path };
        });
        foreach (var (path, result) in results) _photos[path] = result;
    }

    /// <summary>Waits for the web versions; photos already stored are tracked again (a batch save forgets them).</summary>
    private async Task PhotosReadyAsync()
    {
        await _photoWork;
        foreach (var media in _photos.Values.Select(p => p.Media).OfType<Media>().Where(m => m.Id != 0).Distinct())
        {
            if (_db.Entry(media).State == EntityState.Detached) _db.Attach(media);
        }
    }

    private Media? UsePhoto(string? path, string altText)
    {
        if (path is null || !_photos.TryGetValue(path, out var photo)) return null;
        if (photo.Media is null) return null;
        if (photo.IsNew && _usedNewMedia.Add(photo.Media))
        {
            photo.Media.AltText = altText.Length > 400 ? altText[..400] : altText;
            _db.Media.Add(photo.Media);
        }
        return photo.Media;
    }

    [GeneratedRegex(@"<script\b[\s\S]*?(</script\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"\]\(\s*(javascript|vbscript|data):[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptLink();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<src>[^)\s]+)(?<title>\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownImage();

    private static IEnumerable<string> ImagesOf(ArticleSource article)
    {
        if (article.Cover is not null) yield return article.Cover;
        foreach (Match m in MarkdownImage().Matches(article.Body)) yield return m.Groups["src"].Value;
    }

    // ---------------------------------------------------------------- exemplars

    private async Task ApplyExemplarsAsync(List<ExemplarDraft> drafts, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // Resolve agencies first, then load the exemplars those agencies already have under these codes (one query per agency).
        var byAgency = new List<(ExemplarDraft Draft, Agency Agency)>();
        foreach (var draft in drafts)
        {
            var agency = ResolveAgency(draft);
            if (agency is null) continue;
            byAgency.Add((draft, agency));
            _agencyOf[draft] = agency;
        }
        var existing = new Dictionary<(Agency, string), Exemplar>();
        foreach (var group in byAgency.GroupBy(x => x.Agency).Where(g => g.Key.Id != 0))
        {
            var codes = group.Select(x => x.Draft.Code).Distinct().ToList();
            foreach (var chunk in codes.Chunk(500))
            {
                var found = await _db.Exemplars.AsTracking()
                    .Include(e => e.Recognitions)
                    .Include(e => e.Photos).ThenInclude(p => p.Media)
                    .Where(e => e.AgencyId == group.Key.Id && chunk.Contains(e.Code))
                    .AsSplitQuery()
                    .ToListAsync(ct);
                foreach (var e in found)
                {
                    existing[(group.Key, e.Code.ToUpperInvariant())] = e;
                    _pendingExisting.Add(e.Id);
                }
            }
        }

        await LoadDuplicateCandidatesAsync(byAgency.Where(x => !existing.ContainsKey((x.Agency, x.Draft.Code.ToUpperInvariant()))).Select(x => x.Draft), ct);

        // Rows without photos first, while the photos are being made; then the rows that need them.
        byAgency = [.. byAgency.Where(x => x.Draft.PhotoNames.Count == 0), .. byAgency.Where(x => x.Draft.PhotoNames.Count > 0)];
        var done = 0;
        var photosReady = false;
        foreach (var (draft, agency) in byAgency)
        {
            ct.ThrowIfCancellationRequested();
            if (!photosReady && draft.PhotoNames.Count > 0)
            {
                await PhotosReadyAsync();
                photosReady = true;
            }
            var movement = ResolveMovement(draft.MovementName, draft.Report);
            var photos = draft.PhotoNames
                .Select(n => (Name: n, Path: _photoFolder.Resolve(n)))
                .ToList();
            var badPhoto = photos.Select(p => p.Path is not null && _photos.TryGetValue(p.Path, out var r) && r.Error is not null ? (p.Name, r.Error) : default)
                .FirstOrDefault(x => x.Name is not null);
            if (badPhoto.Name is not null)
            {
                draft.Report.Outcome = RowOutcome.Rejected;
                draft.Report.Messages.Add($"Từ chối: ảnh \"{badPhoto.Name}\" {badPhoto.Error}");
                continue;
            }
            var media = photos.Select(p => UsePhoto(p.Path, draft.Name)).OfType<Media>().Distinct().ToList();

            if (existing.TryGetValue((agency, draft.Code.ToUpperInvariant()), out var exemplar))
            {
                _pendingExisting.Remove(exemplar.Id);
                var changed = Update(exemplar, draft, movement, media);
                draft.Report.Outcome = changed.Count > 0 ? RowOutcome.Updated : RowOutcome.Unchanged;
                if (changed.Count > 0) draft.Report.Messages.Add("Đã cập nhật: " + string.Join(", ", changed));
            }
            else if (FindDuplicate(draft, agency, movement) is { } duplicate)
            {
                // Duplicates are always another agency's: the sender's report neither names that exemplar nor says
                // whose it is (nor its id); the board's flag keeps the full reference.
                draft.Report.Outcome = RowOutcome.Flagged;
                draft.Report.Messages.Add(
                    $"Cần người xem xét: giống một gương do cơ quan khác gửi ({duplicate.Reason}); Ban Thi đua sẽ xem xét, chưa nhập để tránh trùng");
                await KeepFlagAsync(draft, agency, duplicate, ct);
                continue;
            }
            else
            {
                exemplar = Create(draft, agency, movement, media);
                existing[(agency, draft.Code.ToUpperInvariant())] = exemplar;
                _createdHere.Add((exemplar, draft.DecisionNumber));
                draft.Report.Outcome = RowOutcome.Created;
            }
            _exemplarsByCode.TryAdd((agency, draft.Code.ToUpperInvariant()), exemplar);
            _draftOf[exemplar] = draft;

            done++;
            options.AfterRowApplied?.Invoke(done);
            if (done % SaveEvery == 0) await SaveBatchAsync(ct);
            if (done % 50 == 0 || done == byAgency.Count) progress?.Report(new ImportProgress(report.File, done, byAgency.Count));
        }
        await _db.SaveChangesAsync(ct);
        foreach (var (exemplar, draft) in _draftOf) draft.Report.ExemplarId = exemplar.Id;
    }

    private readonly Dictionary<Exemplar, ExemplarDraft> _draftOf = [];

    /// <summary>
    /// Saves a batch (still inside the file's transaction) and forgets the saved rows, so each save
    /// costs the same however long the file is; the shared agencies, movements and photos stay tracked.
    /// </summary>
    private async Task SaveBatchAsync(CancellationToken ct)
    {
        await _db.SaveChangesAsync(ct);
        foreach (var entry in _db.ChangeTracker.Entries().ToList())
        {
            var keep = entry.Entity switch
            {
                Agency or Movement or MovementAlias or Media or MediaVariant => true,
                // Stored exemplars loaded for rows still to come must stay tracked, or their updates would be lost.
                Exemplar e => _pendingExisting.Contains(e.Id),
                Recognition r => _pendingExisting.Contains(r.ExemplarId),
                ExemplarPhoto p => _pendingExisting.Contains(p.ExemplarId),
                _ => false,
            };
            if (!keep) entry.State = EntityState.Detached;
        }
    }

    private readonly HashSet<int> _pendingExisting = [];

    private PhotoFolder _photoFolder = PhotoFolder.Empty;

    private Agency? ResolveAgency(ExemplarDraft draft)
    {
        if (options.ForcedAgencyCode is { } code)
        {
            var owner = _allAgencies.First(a => a.Code == code);
            if (draft.AgencyName is not null && VietnameseText.Key(draft.AgencyName) != owner.Key)
                draft.Report.Messages.Add($"Cột Cơ quan đề xuất ghi \"{draft.AgencyName}\": hồ sơ được ghi cho {owner.Name} (chủ khóa API)");
            return owner;
        }
        var name = draft.AgencyName ?? VietnameseText.Clean(options.Agency);
        if (string.IsNullOrWhiteSpace(name))
        {
            draft.Report.Outcome = RowOutcome.Rejected;
            draft.Report.Messages.Add("Từ chối: không rõ cơ quan đề xuất (thêm cột \"Cơ quan đề xuất\" hoặc dùng --agency)");
            return null;
        }
        return AgencyNamed(name, draft.Report);
    }

    /// <summary>The agency a file names (by name or code), created and reported when unknown. Never for a push: the key's agency is the only one.</summary>
    private Agency AgencyNamed(string name, RowReport row)
    {
        var key = VietnameseText.Key(name);
        if (_agencies.TryGetValue(key, out var agency)) return agency;
        agency = _allAgencies.FirstOrDefault(a => a.Key == key) ?? _allAgencies.FirstOrDefault(a => string.Equals(a.Code, name, StringComparison.OrdinalIgnoreCase));
        if (agency is null)
        {
            var agencyCode = UniqueSlug(VietnameseText.Slug(name, 56), _agencyCodes);
            agency = new Agency
            {
                Code = agencyCode,
                Name = name,
                Key = key,
                NeedsReview = true,
                CreatedAt = _now,
                ProvinceId = _localities.Match(name).Current?.Id,
            };
            _db.Agencies.Add(agency);
            _allAgencies.Add(agency);
            report.NewAgencies.Add(name);
            row.Messages.Add($"Cơ quan mới \"{name}\" đã được tạo (mã {agencyCode}), cần người xem lại");
        }
        _agencies[key] = agency;
        return agency;
    }

    private Movement ResolveMovement(string name, RowReport row)
    {
        var key = DatabaseInitializer.MovementKey(name);
        if (_movementsByKey.TryGetValue(key, out var cached)) return cached;
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
            var slug = UniqueSlug(VietnameseText.Slug(name), _movementSlugs);
            movement = new Movement
            {
                Name = name,
                Slug = slug,
                NeedsReview = true,
                SortOrder = 1000 + report.NewMovements.Count,
                CreatedAt = _now,
                UpdatedAt = _now,
                Aliases = [new MovementAlias { Name = name, Key = key }],
            };
            _db.Movements.Add(movement);
            _aliases.Add((key, movement));
            report.NewMovements.Add(name);
            row.Messages.Add($"Phong trào \"{name}\" chưa có: đã tạo phong trào mới, cần người xem lại");
        }
        _movementsByKey[key] = movement;
        return movement;
    }

    private sealed record Duplicate(int Id, string Code, string Name, string AgencyName, string Reason);

    /// <summary>An exemplar already stored whose folded name some row of this file has.</summary>
    private sealed record Candidate(int Id, string Code, string Name, int? BirthYear, int MovementId, int AgencyId, string AgencyName, List<string?> DecisionNumbers);

    private readonly Dictionary<string, List<Candidate>> _candidates = [];

    /// <summary>One query per 500 names instead of one per row: the stored exemplars that share a folded name with a row.</summary>
    private async Task LoadDuplicateCandidatesAsync(IEnumerable<ExemplarDraft> drafts, CancellationToken ct)
    {
        var keys = drafts.Select(d => VietnameseText.Key(d.Name)).Distinct().ToList();
        foreach (var chunk in keys.Chunk(500))
        {
            var found = await _db.Exemplars
                .Where(e => chunk.Contains(e.NameKey))
                .Select(e => new { e.NameKey, Candidate = new Candidate(e.Id, e.Code, e.Name, e.BirthYear, e.MovementId, e.AgencyId, e.Agency.Name, e.Recognitions.Select(r => r.DecisionNumber).ToList()) })
                .ToListAsync(ct);
            foreach (var f in found)
            {
                if (!_candidates.TryGetValue(f.NameKey, out var list)) _candidates[f.NameKey] = list = [];
                list.Add(f.Candidate);
            }
        }
    }

    /// <summary>Another agency's exemplar with the same folded name and birth year in the same movement, or the same decision and name.</summary>
    private Duplicate? FindDuplicate(ExemplarDraft draft, Agency agency, Movement movement)
    {
        var nameKey = VietnameseText.Key(draft.Name);
        foreach (var (e, decision) in _createdHere)
        {
            if (e.Agency == agency || e.NameKey != nameKey) continue;
            if (e.BirthYear == draft.BirthYear && e.Movement == movement)
                return new Duplicate(e.Id, e.Code, e.Name, e.Agency.Name, "cùng tên, năm sinh và phong trào");
            if (draft.DecisionNumber is not null && decision == draft.DecisionNumber)
                return new Duplicate(e.Id, e.Code, e.Name, e.Agency.Name, "cùng tên và số quyết định " + decision);
        }
        if (!_candidates.TryGetValue(nameKey, out var candidates)) return null;
        foreach (var c in candidates)
        {
            if (c.AgencyId == agency.Id) continue;
            if (movement.Id != 0 && c.MovementId == movement.Id && c.BirthYear == draft.BirthYear)
                return new Duplicate(c.Id, c.Code, c.Name, c.AgencyName, "cùng tên, năm sinh và phong trào");
            if (draft.DecisionNumber is not null && c.DecisionNumbers.Contains(draft.DecisionNumber))
                return new Duplicate(c.Id, c.Code, c.Name, c.AgencyName, "cùng tên và số quyết định " + draft.DecisionNumber);
        }
        return null;
    }

    /// <summary>Keeps the flagged row for a person (one open flag per agency and code; a re-import refreshes it).</summary>
    private async Task KeepFlagAsync(ExemplarDraft d, Agency agency, Duplicate duplicate, CancellationToken ct)
    {
        var row = System.Text.Json.JsonSerializer.Serialize(new
        {
            d.Code, Kind = d.Kind.ToString(), d.Name, d.Gender, d.BirthYear, d.Ethnicity, d.Position, d.Address, d.Area,
            Movement = d.MovementName, d.Summary, d.Award, d.DecisionNumber, d.DecisionDate, d.Issuer, d.PhotoNames,
        }, ImportReport.JsonOptions); // Not the private contact: its one place is the exemplar.
        var flag = agency.Id == 0 ? null : await _db.ImportFlags.AsTracking()
            .FirstOrDefaultAsync(f => f.AgencyId == agency.Id && f.Code == d.Code && f.Resolution == null, ct);
        if (flag is null)
        {
            _db.ImportFlags.Add(new ImportFlag
            {
                Agency = agency, Code = d.Code, Name = d.Name, SimilarExemplarId = duplicate.Id == 0 ? null : duplicate.Id,
                Reason = Truncate(duplicate.Reason + $" (giống {duplicate.Name}, mã {duplicate.Code}, {duplicate.AgencyName})", 400),
                SourceFile = Truncate(d.SourceFile, 400), SourceRow = d.SourceRow, Row = row, CreatedAt = _now, UpdatedAt = _now,
            });
            d.Report.Messages.Add("Đã ghi vào danh sách chờ xem xét");
        }
        else if (flag.Row != row)
        {
            flag.Row = row;
            flag.Name = d.Name;
            flag.SourceFile = Truncate(d.SourceFile, 400);
            flag.SourceRow = d.SourceRow;
            flag.UpdatedAt = _now;
            d.Report.Messages.Add("Đã cập nhật hồ sơ trong danh sách chờ xem xét");
        }
        else
        {
            d.Report.Messages.Add("Đã có trong danh sách chờ xem xét");
        }

        static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
    }

    private Exemplar Create(ExemplarDraft d, Agency agency, Movement movement, List<Media> media)
    {
        var exemplar = new Exemplar
        {
            Agency = agency,
            Code = d.Code,
            Kind = d.Kind,
            Name = d.Name,
            Slug = VietnameseText.Slug(d.Name),
            NameKey = VietnameseText.Key(d.Name),
            Movement = movement,
            Status = ContentStatus.Published,
            PublishedAt = _now,
            CreatedAt = _now,
            UpdatedAt = _now,
        };
        Update(exemplar, d, movement, media, isNew: true);
        _db.Exemplars.Add(exemplar);
        return exemplar;
    }

    /// <summary>Sets what differs and returns the Vietnamese names of the fields that changed (none: unchanged, nothing touched).</summary>
    private List<string> Update(Exemplar e, ExemplarDraft d, Movement movement, List<Media> media, bool isNew = false)
    {
        var changed = new List<string>();
        var province = _localities.Match(d.Address).Current;
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
            Level = LevelOf(d.Award, d.Issuer),
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
                if (!isNew) _db.Recognitions.Remove(old);
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
            e.SourceFile = d.SourceFile.Length > 400 ? d.SourceFile[..400] : d.SourceFile;
            e.SourceRow = d.SourceRow;
            e.ImportedAt = _now;
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

    private static RecognitionLevel LevelOf(string? award, string? issuer)
    {
        var key = " " + VietnameseText.Key(award + " " + issuer) + " ";
        if (key.Contains(" thu tuong ", StringComparison.Ordinal) || key.Contains(" chu tich nuoc ", StringComparison.Ordinal) ||
            key.Contains(" huan chuong ", StringComparison.Ordinal) || key.Contains(" chinh phu ", StringComparison.Ordinal)) return RecognitionLevel.National;
        if (key.Contains(" tinh ", StringComparison.Ordinal) || key.Contains(" so ", StringComparison.Ordinal)) return RecognitionLevel.Province;
        if (key.Contains(" huyen ", StringComparison.Ordinal) || key.Contains(" thanh pho ", StringComparison.Ordinal) || key.Contains(" thi xa ", StringComparison.Ordinal)) return RecognitionLevel.District;
        if (key.Contains(" xa ", StringComparison.Ordinal) || key.Contains(" phuong ", StringComparison.Ordinal)) return RecognitionLevel.Commune;
        return RecognitionLevel.Unknown;
    }

    // ---------------------------------------------------------------- articles

    /// <summary>
    /// The stored article a submitted one is a new version of, among its owner's articles only. An article
    /// about an exemplar is known by that exemplar and its file's name (so a corrected title updates it
    /// rather than adding a second); otherwise by its title, but never an article about other exemplars.
    /// </summary>
    private async Task<Article?> FindArticleAsync(ArticleSource article, Exemplar? exemplar, string slug, Agency? owner, CancellationToken ct)
    {
        var ownerId = owner?.Id;
        var articles = _db.Articles.AsTracking().Include(a => a.Tags).Include(a => a.Exemplars).Where(a => !a.IsSample && a.AgencyId == ownerId);
        if (exemplar is { Id: > 0 })
        {
            var inPackage = " › " + article.Source;
            var sameFile = await articles
                .Where(a => a.Exemplars.Any(x => x.ExemplarId == exemplar.Id) && (a.SourceFile == article.Source || a.SourceFile!.EndsWith(inPackage)))
                .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (sameFile is not null) return sameFile;
        }
        var exemplarId = exemplar?.Id;
        return await articles
            .Where(a => a.Slug == slug && (exemplar == null || !a.Exemplars.Any() || a.Exemplars.Any(x => x.ExemplarId == exemplarId)))
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
    }

    private async Task ApplyArticlesAsync(Submission submission, List<ExemplarDraft> drafts, string sourceName, CancellationToken ct)
    {
        // An article named in a row's "Bài viết" column belongs to that row's exemplar.
        var linkedBy = new Dictionary<string, ExemplarDraft>(StringComparer.OrdinalIgnoreCase);
        foreach (var draft in drafts.Where(d => d.ArticleName is not null))
        {
            var path = submission.Photos.Resolve(draft.ArticleName!);
            if (path is null) draft.Report.Messages.Add($"Không tìm thấy bài viết \"{draft.ArticleName}\" (cột Bài viết)");
            else linkedBy[submission.Photos.Relative(path)] = draft;
        }

        foreach (var article in submission.Articles)
        {
            var row = new RowReport { Row = 0, Kind = "article", Outcome = RowOutcome.Created, Source = article.Source, Code = article.ExemplarCode };
            report.Rows.Add(row);
            linkedBy.TryGetValue(article.Source, out var rowDraft);
            var code = article.ExemplarCode ?? rowDraft?.Code;
            row.Code = code;

            // An article named by a row is that row's agency's; otherwise the file's agencies'.
            List<Agency> agencies = rowDraft is not null && _agencyOf.TryGetValue(rowDraft, out var rowAgency) ? [rowAgency] : FileAgencies(row);
            var exemplar = code is null ? null : await FindArticleExemplarAsync(code, agencies, row, ct);
            var owner = exemplar?.Agency ?? (agencies.Count == 1 ? agencies[0] : null);

            var (title, titleFound) = Redactor.Redact(VietnameseText.Clean(article.Title));
            var body = VietnameseText.Clean(article.Body) ?? "";
            if (RowNormaliser.RejectIfTooDeep(row, body))
            {
                row.Messages.Insert(0, $"Bài viết \"{title}\"");
                continue;
            }
            // The renderer sanitises anyway; scripts and javascript: links are not kept at all.
            var scripts = ScriptBlock().Count(body) + ScriptLink().Count(body);
            body = ScriptLink().Replace(ScriptBlock().Replace(body, ""), "](#)");
            if (scripts > 0) row.Messages.Add($"Đã gỡ {scripts} đoạn mã script/liên kết javascript: khỏi bài");
            Media? cover = null;
            if (article.Cover is not null)
            {
                var coverPath = submission.Photos.Resolve(article.Cover, article.BaseFolder);
                if (coverPath is null) row.Messages.Add($"Không tìm thấy ảnh bìa \"{article.Cover}\"");
                else if (_photos.TryGetValue(coverPath, out var p) && p.Error is not null) row.Messages.Add($"Ảnh bìa \"{article.Cover}\" {p.Error}; bỏ qua");
                else cover = UsePhoto(coverPath, article.Title);
            }
            body = MarkdownImage().Replace(body, m =>
            {
                var src = m.Groups["src"].Value;
                var path = submission.Photos.Resolve(src, article.BaseFolder);
                var media = path is null ? null : UsePhoto(path, m.Groups["alt"].Value);
                if (media is null)
                {
                    if (!src.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !src.StartsWith('/')) row.Messages.Add($"Không tìm thấy ảnh \"{src}\" trong bài");
                    return m.Value;
                }
                var web = media.Variants.Where(v => v.Width <= 960).OrderByDescending(v => v.Width).FirstOrDefault() ?? media.Variants.FirstOrDefault();
                return $"![{m.Groups["alt"].Value}](/{web?.StoragePath ?? media.StoragePath}{m.Groups["title"].Value})";
            });
            var (redactedBody, bodyFound) = Redactor.Redact(body);
            foreach (var kind in titleFound) { row.Redactions.Add(new Redaction("Tiêu đề", kind)); row.Messages.Add($"Đã ẩn {Redactor.Describe(kind)} trong tiêu đề"); }
            foreach (var kind in bodyFound) { row.Redactions.Add(new Redaction("Nội dung", kind)); row.Messages.Add($"Đã ẩn {Redactor.Describe(kind)} trong nội dung"); }

            var movement = article.Movement is not null ? ResolveMovement(VietnameseText.Clean(article.Movement)!, row) : exemplar?.Movement;
            var slug = VietnameseText.Slug(title);
            var existing = await FindArticleAsync(article, exemplar, slug, owner, ct);
            var tags = article.Tags.Select(t => VietnameseText.Clean(t)!).Where(t => t.Length > 0).Distinct().ToList();
            var publishedAt = article.Date is { } date ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset : _now;
            var a = existing ?? new Article { Title = title!, Slug = slug, Agency = owner, Status = ContentStatus.Published, PublishedAt = publishedAt, CreatedAt = _now, UpdatedAt = _now };
            var changes = 0;
            if (a.Title != title) { a.Title = title!; changes++; }
            if (a.Body != redactedBody) { a.Body = redactedBody!; changes++; }
            var author = VietnameseText.Clean(article.Author);
            if (a.Author != author) { a.Author = author; changes++; }
            if (movement is not null && a.Movement != movement && a.MovementId != movement.Id) { a.Movement = movement; changes++; }
            if (cover is not null && a.Cover != cover && a.CoverMediaId != cover.Id) { a.Cover = cover; changes++; }
            if (!a.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).SequenceEqual(tags.Order(StringComparer.Ordinal)))
            {
                a.Tags.Clear();
                a.Tags.AddRange(tags.Select(t => new ArticleTag { Tag = t }));
                changes++;
            }
            if (exemplar is not null && !a.Exemplars.Any(x => x.Exemplar == exemplar || (exemplar.Id != 0 && x.ExemplarId == exemplar.Id)))
            {
                a.Exemplars.Add(new ArticleExemplar { Exemplar = exemplar });
                changes++;
            }
            if (existing is null)
            {
                a.SourceFile = sourceName + (submission.Format == "zip" ? " › " + article.Source : "");
                _db.Articles.Add(a);
                row.Outcome = RowOutcome.Created;
            }
            else
            {
                row.Outcome = changes > 0 ? RowOutcome.Updated : RowOutcome.Unchanged;
            }
            row.Messages.Insert(0, $"Bài viết \"{title}\"");
            await _db.SaveChangesAsync(ct);
            row.ArticleId = a.Id;
        }
    }

    private List<Agency>? _fileAgencies;

    /// <summary>
    /// The agencies a file speaks for: the push key's; else those its rows named (or the JSON's
    /// "agency"); else --agency. None: the board's command line, with no agency said anywhere.
    /// </summary>
    private List<Agency> FileAgencies(RowReport row)
    {
        if (_fileAgencies is not null) return _fileAgencies;
        if (options.ForcedAgencyCode is { } code) return _fileAgencies = [_allAgencies.First(a => a.Code == code)];
        if (_agencyOf.Count > 0) return _fileAgencies = [.. _agencyOf.Values.Distinct()];
        return _fileAgencies = VietnameseText.Clean(options.Agency) is { Length: > 0 } name ? [AgencyNamed(name, row)] : [];
    }

    /// <summary>
    /// The exemplar an article is about: one of these agencies' exemplars with that code, never another
    /// agency's (reported by its code only). With no agency known, the one exemplar anywhere with that code.
    /// </summary>
    private async Task<Exemplar?> FindArticleExemplarAsync(string code, List<Agency> agencies, RowReport row, CancellationToken ct)
    {
        foreach (var agency in agencies)
        {
            if (_exemplarsByCode.TryGetValue((agency, code.ToUpperInvariant()), out var here)) return here;
        }
        var withCode = _db.Exemplars.AsTracking().Where(e => e.Code == code);
        if (agencies.Count > 0)
        {
            var ids = agencies.Select(a => a.Id).Where(id => id != 0).ToList();
            withCode = withCode.Where(e => ids.Contains(e.AgencyId));
        }
        var found = await withCode.OrderBy(e => e.Id).Take(2).ToListAsync(ct);
        if (found.Count == 1) return found[0];
        if (found.Count > 1)
            row.Messages.Add($"Mã \"{code}\" có ở nhiều cơ quan: bài viết được nhập nhưng chưa gắn với gương nào (dùng --agency để chỉ rõ cơ quan)");
        else if (agencies.Count > 0 && await _db.Exemplars.AnyAsync(e => e.Code == code, ct))
            row.Messages.Add($"Gương mã \"{code}\" không phải hồ sơ của {string.Join(", ", agencies.Select(a => a.Name))}: bài viết được nhập nhưng không gắn với gương đó");
        else
            row.Messages.Add($"Chưa có gương mã \"{code}\": bài viết được nhập nhưng chưa gắn với gương nào");
        return null;
    }

    /// <summary>The slug, or the slug with "-2", "-3"… when it is taken; the one returned is marked taken.</summary>
    private static string UniqueSlug(string slug, HashSet<string> taken)
    {
        var unique = slug;
        for (var i = 2; taken.Contains(unique); i++) unique = $"{slug}-{i}";
        taken.Add(unique);
        return unique;
    }
}
