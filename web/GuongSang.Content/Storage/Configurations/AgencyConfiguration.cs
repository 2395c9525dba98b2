using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(300);
        builder.Property(a => a.Key).HasMaxLength(300);
        builder.HasIndex(a => a.Key);
        builder.Property(a => a.PressContact).HasMaxLength(300);
        builder.Property(a => a.ApiKeyHash).HasMaxLength(128);
        builder.HasOne(a => a.Province).WithMany().HasForeignKey(a => a.ProvinceId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AgencyAliasConfiguration : IEntityTypeConfiguration<AgencyAlias>
{
    public void Configure(EntityTypeBuilder<AgencyAlias> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Key).HasMaxLength(300);
        builder.HasIndex(a => a.Key);
        builder.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LocalityConfiguration : IEntityTypeConfiguration<Locality>
{
    public void Configure(EntityTypeBuilder<Locality> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Slug).HasMaxLength(100);
        builder.HasIndex(l => l.Slug).IsUnique();
        builder.Property(l => l.Key).HasMaxLength(100);
        builder.Property(l => l.LevelName).HasMaxLength(16);
        builder.HasOne(l => l.Successor).WithMany().HasForeignKey(l => l.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}
