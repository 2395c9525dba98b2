namespace GuongSang.Content.Model;

/// <summary>What the workflow reads and writes on an exemplar or an article.</summary>
public interface IWorkflowItem
{
    int Id { get; }
    ContentStatus Status { get; set; }
    DateTime? PublishedAt { get; set; }
    DateTime? ScheduledAt { get; set; }
    DateTime? WithdrawnAt { get; set; }
    string? WithdrawalReason { get; set; }
    DateTime? CorrectedAt { get; set; }
    string? CorrectionNote { get; set; }
    int Version { get; set; }

    /// <summary>The account that wrote it in the manager, if one did.</summary>
    string? CreatedBy { get; }
}
