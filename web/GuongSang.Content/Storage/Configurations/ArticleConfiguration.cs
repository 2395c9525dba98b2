using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuongSang.Content.Storage.Configurations;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(400);
        builder.Property(a => a.Slug).HasMaxLength(100);
        builder.Property(a => a.Author).HasMaxLength(300);
        builder.Property(a => a.SourceFile).HasMaxLength(400);
        builder.Property(a => a.SourceDocument).HasMaxLength(400);
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
        builder.Property(a => a.WithdrawalReason).HasMaxLength(400);
        builder.Property(a => a.CorrectionNote).HasMaxLength(400);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.Status, a.ScheduledAt });
        builder.Property(a => a.CreatedBy).HasMaxLength(100);
        builder.HasIndex(a => new { a.AgencyId, a.Slug });
        builder.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Movement).WithMany().HasForeignKey(a => a.MovementId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Cover).WithMany().HasForeignKey(a => a.CoverMediaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Exemplars).WithOne().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> builder)
    {
        builder.Property(t => t.Tag).HasMaxLength(100);
        builder.HasIndex(t => t.Tag);
    }
}

public sealed class ArticleExemplarConfiguration : IEntityTypeConfiguration<ArticleExemplar>
{
    public void Configure(EntityTypeBuilder<ArticleExemplar> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.ExemplarId });
        builder.HasOne(x => x.Exemplar).WithMany().HasForeignKey(x => x.ExemplarId).OnDelete(DeleteBehavior.Cascade);
    }
}
