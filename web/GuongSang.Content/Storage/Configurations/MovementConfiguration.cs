using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(400);
        builder.Property(m => m.Slug).HasMaxLength(100);
        builder.HasIndex(m => m.Slug).IsUnique();
        builder.Property(m => m.LeadAgency).HasMaxLength(300);
        builder.Property(m => m.PlanNumber).HasMaxLength(64);
        builder.HasMany(m => m.Coordinators).WithOne().HasForeignKey(c => c.MovementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Criteria).WithOne().HasForeignKey(c => c.MovementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Targets).WithOne().HasForeignKey(c => c.MovementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Aliases).WithOne().HasForeignKey(c => c.MovementId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MovementCoordinatorConfiguration : IEntityTypeConfiguration<MovementCoordinator>
{
    public void Configure(EntityTypeBuilder<MovementCoordinator> builder) =>
        builder.Property(c => c.AgencyName).HasMaxLength(300);
}

public sealed class MovementCriterionConfiguration : IEntityTypeConfiguration<MovementCriterion>
{
    public void Configure(EntityTypeBuilder<MovementCriterion> builder) =>
        builder.HasIndex(c => new { c.MovementId, c.Kind });
}

public sealed class MovementTargetConfiguration : IEntityTypeConfiguration<MovementTarget>
{
    public void Configure(EntityTypeBuilder<MovementTarget> builder) =>
        builder.Property(t => t.Period).HasMaxLength(32);
}

public sealed class MovementAliasConfiguration : IEntityTypeConfiguration<MovementAlias>
{
    public void Configure(EntityTypeBuilder<MovementAlias> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(400);
        builder.Property(a => a.Key).HasMaxLength(400);
        builder.HasIndex(a => a.Key);
    }
}
