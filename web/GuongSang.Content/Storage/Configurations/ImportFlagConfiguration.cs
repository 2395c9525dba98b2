using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class ImportFlagConfiguration : IEntityTypeConfiguration<ImportFlag>
{
    public void Configure(EntityTypeBuilder<ImportFlag> builder)
    {
        builder.Property(f => f.Code).HasMaxLength(64);
        builder.Property(f => f.Name).HasMaxLength(300);
        builder.Property(f => f.Reason).HasMaxLength(400);
        builder.Property(f => f.SourceFile).HasMaxLength(400);
        builder.Property(f => f.Resolution).HasMaxLength(32);
        builder.Property(f => f.ResolvedBy).HasMaxLength(100);
        builder.HasIndex(f => new { f.AgencyId, f.Code });
        builder.HasIndex(f => f.Resolution);
        builder.HasOne(f => f.Agency).WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Exemplar>().WithMany().HasForeignKey(f => f.SimilarExemplarId).OnDelete(DeleteBehavior.SetNull);
    }
}
