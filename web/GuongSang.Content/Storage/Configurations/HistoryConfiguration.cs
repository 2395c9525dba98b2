using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.Property(r => r.EntityType).HasMaxLength(32);
        builder.Property(r => r.Author).HasMaxLength(200);
        builder.Property(r => r.Action).HasMaxLength(16);
        builder.HasIndex(r => new { r.EntityType, r.EntityId });
    }
}

public sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> builder)
    {
        builder.Property(r => r.FromPath).HasMaxLength(400);
        builder.Property(r => r.ToPath).HasMaxLength(400);
        builder.HasIndex(r => r.FromPath).IsUnique();
    }
}

public sealed class ContentChangeConfiguration : IEntityTypeConfiguration<ContentChange>
{
    public void Configure(EntityTypeBuilder<ContentChange> builder) =>
        builder.Property(c => c.EntityType).HasMaxLength(32);
}
