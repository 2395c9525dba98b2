namespace GuongSang.Content.Model;

public enum ExemplarKind { Individual, Collective, Household, Model }

public enum ContentStatus { Draft, InReview, Published, Archived, Withdrawn }

public enum RecognitionLevel { Unknown, Commune, District, Province, National }

public enum AgencyType { Other, Department, District, Commune, MassOrganisation, Enterprise }
