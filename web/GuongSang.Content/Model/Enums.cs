namespace GuongSang.Content.Model;

public enum ExemplarKind { Individual, Collective, Household, Model }

/// <summary>
/// Where a story stands in the board's workflow (see <see cref="Workflow.ContentWorkflow"/>): Draft → InReview →
/// Scheduled (publishing at a set time) or Published → Archived; Withdrawn (thu hồi) when a recognition is annulled
/// or a story found untrue. Stored as text, so new states never renumber old rows.
/// </summary>
public enum ContentStatus { Draft, InReview, Published, Archived, Withdrawn, Scheduled }

public enum RecognitionLevel { Unknown, Commune, District, Province, National }

public enum AgencyType { Other, Department, District, Commune, MassOrganisation, Enterprise }
