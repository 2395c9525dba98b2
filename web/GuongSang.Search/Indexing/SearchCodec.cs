using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace GuongSang.Search.Indexing;

/// <summary>
/// Lucene 4.6's codec with smaller stored-field blocks. A result page reads ~20 stored documents, and
/// reading one means decompressing its block up to it: with the default 16 KiB blocks (some ten
/// stories) that is ~8 KiB a document, most of a page's stored-field cost; 4 KiB blocks cut it to
/// about a quarter for a few percent more disk. Indexes name their codec, so one written with this
/// codec is read with it (<see cref="Register"/> makes the name known before any index is opened).
/// </summary>
[CodecName(CodecName)]
public sealed class SearchCodec() : FilterCodec(new Lucene46Codec())
{
    public const string CodecName = "GuongSang46";

    public const int StoredFieldsChunkSize = 4 * 1024;

    private readonly StoredFieldsFormat _storedFields =
        new CompressingStoredFieldsFormat("GuongSangStoredFields", CompressionMode.FAST, StoredFieldsChunkSize);

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(SearchCodec)] });
        return true;
    });

    /// <summary>Makes this codec known to Lucene (once per process; any later call does nothing).</summary>
    public static void Register() => _ = Registered.Value;
}
