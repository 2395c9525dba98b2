using System.Text.Json;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GuongSang.Content.Storage;

/// <summary>
/// The database. Every save of an exemplar, article or movement records a <see cref="Revision"/>
/// with its author and a <see cref="ContentChange"/> for the search indexer, here in one place,
/// so no writer (site, importer, seeder) can forget either. Staff accounts (ASP.NET Core Identity), their
/// access tokens and the audit log live here too, in the same migrations.
/// </summary>
public class GuongSangDb(DbContextOptions<GuongSangDb> options) : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<AgencyAlias> AgencyAliases => Set<AgencyAlias>();
    public DbSet<Locality> Localities => Set<Locality>();
    public DbSet<Exemplar> Exemplars => Set<Exemplar>();
    public DbSet<Recognition> Recognitions => Set<Recognition>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Media> Media => Set<Media>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Redirect> Redirects => Set<Redirect>();
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();
    public DbSet<ImportFlag> ImportFlags => Set<ImportFlag>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// Who is writing: "nhap-lieu:danh-sach.xlsx", "du-lieu-mau", a user name.
    /// Saving content without one fails, so every revision has an author.
    /// </summary>
    public string? Actor { get; set; }

    /// <summary>The clock, replaceable in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GuongSangDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC, read back as UTC: no mixed local/UTC times.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<ExemplarKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ContentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RecognitionLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AgencyType>().HaveConversion<string>().HaveMaxLength(24);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        var pending = RecordHistory();
        if (pending.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var result = base.SaveChanges(acceptAllChangesOnSuccess);
        var (revisions, changes) = History(pending);
        AppendOnlyRows.Insert(this, revisions);
        AppendOnlyRows.Insert(this, changes);
        transaction?.Commit();
        return result;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        var pending = RecordHistory();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var (revisions, changes) = History(pending);
        await AppendOnlyRows.InsertAsync(this, revisions, cancellationToken);
        await AppendOnlyRows.InsertAsync(this, changes, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The audit log is append-only: a save that would change or remove a line of it fails whole.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: its entries are never changed or removed.");
        }
    }

    /// <summary>Content types with history, and the child records whose changes count as a change of their owner.</summary>
    private static readonly Dictionary<Type, (Type Owner, string OwnerKey)> Owners = new()
    {
        [typeof(Exemplar)] = (typeof(Exemplar), "Id"),
        [typeof(Recognition)] = (typeof(Exemplar), nameof(Recognition.ExemplarId)),
        [typeof(ExemplarPhoto)] = (typeof(Exemplar), nameof(ExemplarPhoto.ExemplarId)),
        [typeof(Article)] = (typeof(Article), "Id"),
        [typeof(ArticleTag)] = (typeof(Article), nameof(ArticleTag.ArticleId)),
        [typeof(ArticleExemplar)] = (typeof(Article), nameof(ArticleExemplar.ArticleId)),
        [typeof(Movement)] = (typeof(Movement), "Id"),
        [typeof(MovementCriterion)] = (typeof(Movement), nameof(MovementCriterion.MovementId)),
        [typeof(MovementTarget)] = (typeof(Movement), nameof(MovementTarget.MovementId)),
        [typeof(MovementCoordinator)] = (typeof(Movement), nameof(MovementCoordinator.MovementId)),
        [typeof(MovementAlias)] = (typeof(Movement), nameof(MovementAlias.MovementId)),
        // Their names are shown on and searched with every exemplar of theirs: a rename is logged so the
        // search index re-reads those exemplars.
        [typeof(Agency)] = (typeof(Agency), "Id"),
        [typeof(Locality)] = (typeof(Locality), "Id"),
    };

    /// <summary>
    /// Recorded as changed, never with their values: a revision is no place for a key (even hashed) nor
    /// for an exemplar's private contact, whose one place is the exemplar.
    /// </summary>
    private static readonly HashSet<string> SecretProperties = [nameof(Agency.ApiKeyHash), nameof(Exemplar.PrivateContact)];

    /// <summary>One owner's history; its id is known only after the first save when the owner is new.</summary>
    private sealed class PendingHistory(EntityEntry ownerEntry, Func<int> ownerId, string action)
    {
        public EntityEntry OwnerEntry { get; } = ownerEntry;
        public Func<int> OwnerId { get; } = ownerId;
        public string Action { get; set; } = action;
        public Dictionary<string, object?> Changes { get; } = [];

        /// <summary>Child records changed in this save, by list name ("Recognition[]"), in the order they were seen.</summary>
        public Dictionary<string, List<ChildChange>> Children { get; } = [];
    }

    /// <summary>
    /// The id of a record added in the same save (a new movement or agency of a new exemplar): the database gives it,
    /// so it is read when the revision is written, after the save, never the placeholder before it.
    /// </summary>
    private sealed class KeyAfterSave(PropertyEntry property)
    {
        [System.Text.Json.Serialization.JsonPropertyName("to")]
        public object? To => property.CurrentValue;
    }

    /// <summary>
    /// One child record's change with its values, so a revision can be replayed: a deleted child's values are taken
    /// before the save (they are gone after it); an added one's after it, when its key is known. A changed one also
    /// keeps what its changed fields were, so history can be read backwards from today's record.
    /// </summary>
    private sealed class ChildChange(EntityEntry entry, string op, string ownerKey)
    {
        private readonly Dictionary<string, object?>? _before = entry.State switch
        {
            EntityState.Deleted => Values(entry, ownerKey, original: true, changedOnly: false),
            EntityState.Modified => Values(entry, ownerKey, original: true, changedOnly: true),
            _ => null,
        };

        public Dictionary<string, object?> ToRecord()
        {
            var record = new Dictionary<string, object?> { ["op"] = op };
            if (op == "deleted")
            {
                foreach (var (name, value) in _before!) record[name] = value;
                return record;
            }
            foreach (var (name, value) in Values(entry, ownerKey, original: false, changedOnly: false)) record[name] = value;
            if (_before is { Count: > 0 }) record["from"] = _before;
            return record;
        }

        /// <summary>A handful of fields per child: the extra work of a save stays constant per record.</summary>
        private static Dictionary<string, object?> Values(EntityEntry entry, string ownerKey, bool original, bool changedOnly)
        {
            var values = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (name == ownerKey || SecretProperties.Contains(name)) continue;
                if (changedOnly && (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue))) continue;
                values[JsonNamingPolicy.CamelCase.ConvertName(name)] = original ? property.OriginalValue : property.CurrentValue;
            }
            return values;
        }
    }

    private List<PendingHistory> RecordHistory()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var byOwner = new Dictionary<object, PendingHistory>(ReferenceEqualityComparer.Instance);
        var byOwnerKey = new Dictionary<(Type, int), PendingHistory>();
        var entries = ChangeTracker.Entries().ToList();
        var ownerEntries = entries
            .Where(e => Owners.TryGetValue(e.Entity.GetType(), out var o) && o.Owner == e.Entity.GetType())
            .ToDictionary(e => (e.Entity.GetType(), e.Property("Id").CurrentValue));
        foreach (var entry in entries)
        {
            if (!Owners.TryGetValue(entry.Entity.GetType(), out var owner)) continue;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var changes = ChangedValues(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            if (string.IsNullOrWhiteSpace(Actor))
            {
                throw new InvalidOperationException("GuongSangDb.Actor must name who is writing before content is saved.");
            }

            if (entry.Entity is Movement && entry.State == EntityState.Modified && changes.ContainsKey(nameof(Movement.Slug)))
            {
                AddSlugRedirect(
                    MovementPathPrefix + entry.Property(nameof(Movement.Slug)).OriginalValue,
                    MovementPathPrefix + entry.Property(nameof(Movement.Slug)).CurrentValue, now);
            }

            PendingHistory history;
            if (owner.Owner == entry.Entity.GetType())
            {
                history = GetOrAdd(entry, () => (int)entry.Property("Id").CurrentValue!);
                history.Action = entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" };
                foreach (var (name, value) in changes) history.Changes[name] = value;
                if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("UpdatedAt") is not null)
                {
                    entry.Property("UpdatedAt").CurrentValue = now;
                }
            }
            else
            {
                // A child record changed: find its owner, tracked or not.
                if (ownerEntries.TryGetValue((owner.Owner, entry.Property(owner.OwnerKey).CurrentValue), out var ownerEntry))
                {
                    history = GetOrAdd(ownerEntry, () => (int)ownerEntry.Property("Id").CurrentValue!);
                }
                else
                {
                    var id = (int)entry.Property(owner.OwnerKey).CurrentValue!;
                    if (!byOwnerKey.TryGetValue((owner.Owner, id), out history!))
                    {
                        history = new PendingHistory(entry, () => id, "updated");
                        byOwnerKey[(owner.Owner, id)] = history;
                    }
                }
                var list = entry.Metadata.ClrType.Name + "[]";
                if (!history.Children.TryGetValue(list, out var children)) history.Children[list] = children = [];
                children.Add(new ChildChange(entry, entry.State.ToString().ToLowerInvariant(), owner.OwnerKey));
            }
        }
        foreach (var history in byOwner.Values) BumpVersion(history.OwnerEntry);
        return [.. byOwner.Values, .. byOwnerKey.Values];

        PendingHistory GetOrAdd(EntityEntry ownerEntry, Func<int> id)
        {
            if (!byOwner.TryGetValue(ownerEntry.Entity, out var h))
            {
                h = new PendingHistory(ownerEntry, id, ownerEntry.State == EntityState.Added ? "created" : "updated");
                byOwner[ownerEntry.Entity] = h;
            }
            return h;
        }

        static Dictionary<string, object?> ChangedValues(EntityEntry entry)
        {
            var changes = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsPrimaryKey() || property.Metadata.Name is "UpdatedAt" or "Version") continue;
                if (SecretProperties.Contains(property.Metadata.Name))
                {
                    var changed = entry.State switch
                    {
                        EntityState.Added => property.CurrentValue is not null,
                        EntityState.Deleted => property.OriginalValue is not null,
                        _ => property.IsModified && !Equals(property.OriginalValue, property.CurrentValue),
                    };
                    if (changed) changes[property.Metadata.Name] = new { changed = true };
                    continue;
                }
                switch (entry.State)
                {
                    case EntityState.Added:
                        if (property.IsTemporary) changes[property.Metadata.Name] = new KeyAfterSave(property);
                        else if (property.CurrentValue is not null) changes[property.Metadata.Name] = new { to = property.CurrentValue };
                        break;
                    case EntityState.Deleted:
                        changes[property.Metadata.Name] = new { from = property.OriginalValue };
                        break;
                    default:
                        if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                        {
                            changes[property.Metadata.Name] = new { from = property.OriginalValue, to = property.CurrentValue };
                        }
                        break;
                }
            }
            return changes;
        }
    }

    /// <summary>
    /// Every save of a story raises its version, changes to its recognitions and photos too: a save that began
    /// from an older version (its original value set by the editor) finds no row to update and is refused.
    /// </summary>
    private static void BumpVersion(EntityEntry owner)
    {
        if (owner.State is not (EntityState.Modified or EntityState.Unchanged)) return;
        if (owner.Metadata.FindProperty(nameof(Exemplar.Version)) is null) return;
        var version = owner.Property(nameof(Exemplar.Version));
        version.CurrentValue = (int)version.OriginalValue! + 1;
    }

    /// <summary>Public path of a movement: its slug can change, so old paths are kept as redirects.</summary>
    public const string MovementPathPrefix = "/phong-trao/";

    /// <summary>The old path answers 301 to the new one; redirects that led to the old path now lead to the new.</summary>
    public void AddRedirect(string from, string to) => AddSlugRedirect(from, to, Clock.GetUtcNow().UtcDateTime);

    private void AddSlugRedirect(string from, string to, DateTime now)
    {
        foreach (var chained in Redirects.AsTracking().Where(r => r.ToPath == from)) chained.ToPath = to;
        var existing = Redirects.AsTracking().FirstOrDefault(r => r.FromPath == from);
        if (existing is not null) existing.ToPath = to;
        else Redirects.Add(new Redirect { FromPath = from, ToPath = to, CreatedAt = now });
        // A path that is live again must not redirect away.
        Redirects.RemoveRange(Redirects.AsTracking().Where(r => r.FromPath == to));
    }

    /// <summary>The revision and change-log rows of a save, once its new owners have their ids.</summary>
    private (List<Revision> Revisions, List<ContentChange> Changes) History(List<PendingHistory> pending)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var revisions = new List<Revision>(pending.Count);
        var changes = new List<ContentChange>(pending.Count);
        foreach (var history in pending)
        {
            var type = Owners[history.OwnerEntry.Entity.GetType()].Owner.Name;
            var id = history.OwnerId();
            foreach (var (list, children) in history.Children) history.Changes[list] = children.Select(c => c.ToRecord()).ToList();
            revisions.Add(new Revision
            {
                EntityType = type,
                EntityId = id,
                Author = Actor!,
                At = now,
                Action = history.Action,
                Changes = JsonSerializer.Serialize(history.Changes),
            });
            changes.Add(new ContentChange { EntityType = type, EntityId = id, Deleted = history.Action == "deleted", At = now });
        }
        return (revisions, changes);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
