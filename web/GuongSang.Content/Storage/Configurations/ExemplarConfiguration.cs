using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class ExemplarConfiguration : IEntityTypeConfiguration<Exemplar>
{
    public void Configure(EntityTypeBuilder<Exemplar> builder)
    {
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.HasIndex(e => new { e.AgencyId, e.Code }).IsUnique();
        builder.Property(e => e.Name).HasMaxLength(300);
        builder.Property(e => e.Slug).HasMaxLength(100);
        builder.Property(e => e.NameKey).HasMaxLength(300);
        builder.HasIndex(e => e.NameKey);
        builder.Property(e => e.Gender).HasMaxLength(16);
        builder.Property(e => e.Ethnicity).HasMaxLength(64);
        builder.Property(e => e.Position).HasMaxLength(400);
        builder.Property(e => e.AddressAsRecognised).HasMaxLength(400);
        builder.Property(e => e.Field).HasMaxLength(100);
        builder.Property(e => e.SourceFile).HasMaxLength(400);
        builder.Property(e => e.SourceUser).HasMaxLength(100);
        builder.Property(e => e.PrivateContact).HasMaxLength(200);
        builder.HasIndex(e => new { e.Status, e.PublishedAt });
        builder.Property(e => e.WithdrawalReason).HasMaxLength(400);
        builder.Property(e => e.CorrectionNote).HasMaxLength(400);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.Status, e.ScheduledAt });
        builder.HasIndex(e => new { e.MovementId, e.Status });
        builder.HasIndex(e => new { e.ProvinceId, e.Status });
        builder.HasIndex(e => e.UpdatedAt);
        builder.HasOne(e => e.Agency).WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Movement).WithMany().HasForeignKey(e => e.MovementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Province).WithMany().HasForeignKey(e => e.ProvinceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Recognitions).WithOne().HasForeignKey(r => r.ExemplarId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Photos).WithOne().HasForeignKey(p => p.ExemplarId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition> builder)
    {
        builder.Property(r => r.Award).HasMaxLength(400);
        builder.Property(r => r.DecisionNumberAsWritten).HasMaxLength(100);
        builder.Property(r => r.DecisionNumber).HasMaxLength(100);
        builder.HasIndex(r => r.DecisionNumber);
        builder.Property(r => r.Issuer).HasMaxLength(300);
    }
}

public sealed class ExemplarPhotoConfiguration : IEntityTypeConfiguration<ExemplarPhoto>
{
    public void Configure(EntityTypeBuilder<ExemplarPhoto> builder)
    {
        builder.HasKey(p => new { p.ExemplarId, p.MediaId });
        builder.HasOne(p => p.Media).WithMany().HasForeignKey(p => p.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}
