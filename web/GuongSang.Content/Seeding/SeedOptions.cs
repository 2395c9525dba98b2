namespace GuongSang.Content.Seeding;

/// <summary>What a new, empty data folder is filled with (section "GuongSang:Seed").</summary>
public sealed class SeedOptions
{
    /// <summary>The 24 movements of the provincial plan (seed 000).</summary>
    public bool Movements { get; set; } = true;

    /// <summary>A dozen sample exemplars and two articles, marked "Dữ liệu mẫu".</summary>
    public bool DemoContent { get; set; } = true;
}
