using GuongSang.Content.Model;
using GuongSang.Content.Review;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>An exemplar of another agency that a new row seems to be; Reason is in the sender's own terms.</summary>
internal sealed record Duplicate(int Id, string Code, string Name, string AgencyName, string Reason);

/// <summary>
/// The same person sent by two agencies: another agency's exemplar (stored, or created earlier in this file)
/// with the same folded name and birth year in the same movement, or the same name and decision number. Such
/// a row is not imported but kept as a flag for the board (one open flag per agency and code).
/// </summary>
internal sealed class DuplicateFinder(ApplyContext context)
{
    /// <summary>An exemplar already stored whose folded name some row of this file has.</summary>
    private sealed record Candidate(int Id, string Code, string Name, int? BirthYear, int MovementId, int AgencyId, string AgencyName, List<string?> DecisionNumbers);

    private readonly Dictionary<string, List<Candidate>> _candidates = [];
    private readonly List<(Exemplar Exemplar, string? DecisionNumber)> _createdHere = [];

    /// <summary>One query per 500 names instead of one per row: the stored exemplars that share a folded name with a new row.</summary>
    public async Task LoadCandidatesAsync(IEnumerable<ExemplarDraft> newRows, CancellationToken ct)
    {
        var keys = newRows.Select(d => VietnameseText.Key(d.Name)).Distinct().ToList();
        foreach (var chunk in keys.Chunk(500))
        {
            var found = await context.Db.Exemplars
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

    /// <summary>An exemplar this file created: later rows of other agencies are compared with it too.</summary>
    public void Created(Exemplar exemplar, string? decisionNumber) => _createdHere.Add((exemplar, decisionNumber));

    /// <summary>Another agency's exemplar this row seems to be, or null. An agency's own exemplars are never its duplicates.</summary>
    public Duplicate? Find(ExemplarDraft draft, Agency agency, Movement movement)
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

    /// <summary>
    /// Reports the row as flagged and keeps it for the board. The sender's report neither names the other
    /// exemplar nor says whose it is (nor gives its id): agencies see only their own; the flag keeps the full reference.
    /// </summary>
    public async Task FlagAsync(ExemplarDraft d, Agency agency, Duplicate duplicate, CancellationToken ct)
    {
        var row = new FlaggedRow(d.Code, d.Kind.ToString(), d.Name, d.Gender, d.BirthYear, d.Ethnicity, d.Position, d.Address, d.Area,
            d.MovementName, d.Summary, d.Award, d.DecisionNumber, d.DecisionDate, d.Issuer, d.PhotoNames).ToJson();
        // The board already merged or rejected this very row: sending it again does not put it back in the queue.
        if (agency.Id != 0 && await context.Db.ImportFlags.AnyAsync(f => f.AgencyId == agency.Id && f.Code == d.Code && f.Row == row &&
            (f.Resolution == ImportFlagResolutions.Merged || f.Resolution == ImportFlagResolutions.Rejected), ct))
        {
            d.Report.Messages.Add("Bỏ qua: Ban Thi đua đã xem xét hồ sơ này (giống một gương do cơ quan khác gửi) và không nhập thành gương riêng");
            return;
        }
        d.Report.Outcome = RowOutcome.Flagged;
        d.Report.Messages.Add($"Cần người xem xét: giống một gương do cơ quan khác gửi ({duplicate.Reason}); Ban Thi đua sẽ xem xét, chưa nhập để tránh trùng");

        var flag = agency.Id == 0 ? null : await context.Db.ImportFlags.AsTracking()
            .FirstOrDefaultAsync(f => f.AgencyId == agency.Id && f.Code == d.Code && f.Resolution == null, ct);
        var sourceFile = ApplyContext.Truncate(d.SourceFile, 400);
        if (flag is null)
        {
            context.Db.ImportFlags.Add(new ImportFlag
            {
                Agency = agency, Code = d.Code, Name = d.Name, SimilarExemplarId = duplicate.Id == 0 ? null : duplicate.Id,
                Reason = ApplyContext.Truncate(duplicate.Reason + $" (giống {duplicate.Name}, mã {duplicate.Code}, {duplicate.AgencyName})", 400),
                SourceFile = sourceFile, SourceRow = d.SourceRow, Row = row, CreatedAt = context.Now, UpdatedAt = context.Now,
            });
            d.Report.Messages.Add("Đã ghi vào danh sách chờ xem xét");
        }
        else if (flag.Row != row)
        {
            flag.Row = row;
            flag.Name = d.Name;
            flag.SourceFile = sourceFile;
            flag.SourceRow = d.SourceRow;
            flag.UpdatedAt = context.Now;
            d.Report.Messages.Add("Đã cập nhật hồ sơ trong danh sách chờ xem xét");
        }
        else
        {
            d.Report.Messages.Add("Đã có trong danh sách chờ xem xét");
        }
    }
}
