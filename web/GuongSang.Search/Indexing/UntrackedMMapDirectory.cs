using System.Reflection;
using Lucene.Net.Store;

namespace GuongSang.Search.Indexing;

/// <summary>
/// Lucene.Net's memory-mapped directory, with the clones of its files left untracked. Lucene.Net 4.8
/// records every clone of a mapped file (each docs enum, each skip list level) in a
/// <c>ConditionalWeakTable</c>, behind a lock, so that closing the file can disarm clones still in use.
/// Clones live a few microseconds here, so the table is rebuilt over and over: under load the finalizer
/// thread spent 16 % of the site's CPU releasing its old containers, and cloning took another 5 %.
/// Lucene (Java) itself tracks clones only when it unmaps files by hand. Files here are closed only when
/// no searcher uses them (the <c>SearcherManager</c> counts references), so nothing reads a clone of a
/// closed file. If a later Lucene.Net has no such table, files are opened as before.
/// </summary>
public sealed class UntrackedMMapDirectory(string path) : MMapDirectory(path)
{
    private static readonly FieldInfo? Clones =
        typeof(ByteBufferIndexInput).GetField("clones", BindingFlags.NonPublic | BindingFlags.Instance);

    public override IndexInput OpenInput(string name, IOContext context) => Untracked(base.OpenInput(name, context));

    public override IndexInputSlicer CreateSlicer(string name, IOContext context) => new Slicer(base.CreateSlicer(name, context));

    /// <summary>Whether clones of files opened here are untracked (false: this Lucene.Net has no such table to leave out).</summary>
    public static bool Untracks => Clones is not null;

    private static IndexInput Untracked(IndexInput input)
    {
        if (input is ByteBufferIndexInput mapped) Clones?.SetValue(mapped, null);
        return input;
    }

    /// <summary>The files inside a compound file: each slice, and its clones, untracked too.</summary>
    private sealed class Slicer(IndexInputSlicer inner) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            Untracked(inner.OpenSlice(sliceDescription, offset, length));

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => Untracked(inner.OpenFullSlice());

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
        }
    }
}
