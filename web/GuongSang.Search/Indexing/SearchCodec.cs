using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Lucene40;
using Lucene.Net.Codecs.Lucene46;

namespace GuongSang.Search.Indexing;

/// <summary>
/// Lucene 4.6's codec with stored fields kept uncompressed (Lucene 4.0's format). A result page reads
/// ~20 stored documents: with compressed blocks, reading one means decompressing its block up to it
/// (byte by byte through Lucene.Net's memory-mapped input), 17 µs a story here with 4 KiB blocks and
/// more with the default 16 KiB; uncompressed, 6 µs. The stored stories take about twice the disk
/// (39 → 90 MB for 100,000). Indexes name their codec, so one written with this codec is read with it
/// (<see cref="Register"/> makes the name known before any index is opened); an index written with the
/// earlier compressed blocks has an older schema and is rebuilt.
/// </summary>
[CodecName(CodecName)]
public sealed class SearchCodec() : FilterCodec(new Lucene46Codec())
{
    public const string CodecName = "GuongSang46";

    private readonly StoredFieldsFormat _storedFields = new Lucene40StoredFieldsFormat();

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(SearchCodec)] });
        return true;
    });

    /// <summary>Makes this codec known to Lucene (once per process; any later call does nothing).</summary>
    public static void Register() => _ = Registered.Value;
}
