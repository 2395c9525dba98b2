using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class MediaConfiguration : IEntityTypeConfiguration<Media>
{
    public void Configure(EntityTypeBuilder<Media> builder)
    {
        builder.Property(m => m.FileName).HasMaxLength(260);
        builder.Property(m => m.ContentType).HasMaxLength(64);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.HasIndex(m => m.Sha256);
        builder.Property(m => m.StoragePath).HasMaxLength(400);
        builder.Property(m => m.AltText).HasMaxLength(400);
        builder.Property(m => m.Credit).HasMaxLength(200);
        builder.HasMany(m => m.Variants).WithOne().HasForeignKey(v => v.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.Property(v => v.ContentType).HasMaxLength(64);
        builder.Property(v => v.StoragePath).HasMaxLength(400);
    }
}
