using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;

namespace GuongSang.Content.Review;

/// <summary>
/// The normalised row an import keeps in <see cref="ImportFlag.Row"/>: the importer writes it, the review queue
/// shows it beside the exemplar it resembles and applies it. The private contact is not in it: its one place is an exemplar.
/// </summary>
public sealed record FlaggedRow(
    string Code, string Kind, string Name, string? Gender, int? BirthYear, string? Ethnicity, string? Position, string? Address,
    string? Area, string Movement, string? Summary, string? Award, string? DecisionNumber, DateOnly? DecisionDate, string? Issuer,
    List<string>? PhotoNames)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static FlaggedRow Parse(string json) =>
        JsonSerializer.Deserialize<FlaggedRow>(json, Options) ?? throw new JsonException("An import flag without its row.");

    public ExemplarKind? ExemplarKind => Enum.TryParse<ExemplarKind>(Kind, out var kind) ? kind : null;
}

/// <summary>
/// The importer's own way of turning a flagged row into content (its writer and award levels), for the review
/// queue, which lives below the importer: the same rules as an import, without a second copy of them.
/// </summary>
public interface IFlaggedRowApplier
{
    /// <summary>The recognition the row brings, as the importer would store it; null when the row names none.</summary>
    Recognition? RecognitionOf(FlaggedRow row);

    /// <summary>Writes the row as a new exemplar of the flag's agency, inside the caller's transaction (not saved yet).</summary>
    Task<Exemplar> CreateExemplarAsync(GuongSangDb db, ImportFlag flag, CancellationToken ct);
}
