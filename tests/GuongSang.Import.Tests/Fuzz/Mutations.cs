using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using GuongSang.Import.Reading;

namespace GuongSang.Import.Tests.Fuzz;

/// <summary>
/// One change to a seed file. Places are fractions of the input (0 = start, 1 = end), so a recipe applies
/// to any seed, and a failing recipe printed by FsCheck reads as what was done.
/// </summary>
public abstract record Mutation
{
    public abstract byte[] Apply(byte[] input);

    /// <summary>How much one mutation may add to its input.</summary>
    protected const int MaxGrowth = 8 << 20;

    protected static int At(byte[] input, double at) => (int)Math.Clamp(at * input.Length, 0, input.Length);
}

// ------------------------------------------------------------------ byte level

public sealed record FlipBit(double Where, int Bit) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        if (input.Length == 0) return input;
        var output = (byte[])input.Clone();
        output[Math.Min(At(input, Where), input.Length - 1)] ^= (byte)(1 << Bit);
        return output;
    }
}

public sealed record InsertBytes(double Where, string Hex) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var at = At(input, Where);
        return [.. input.AsSpan(0, at), .. Convert.FromHexString(Hex), .. input.AsSpan(at)];
    }
}

public sealed record DeleteRange(double Where, int Length) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var at = At(input, Where);
        var length = Math.Min(Length, input.Length - at);
        return [.. input.AsSpan(0, at), .. input.AsSpan(at + length)];
    }
}

public sealed record DuplicateRange(double Where, int Length, int Times) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var at = At(input, Where);
        var range = input.AsSpan(at, Math.Min(Length, input.Length - at));
        using var output = new MemoryStream();
        output.Write(input.AsSpan(0, at + range.Length));
        // Past a few megabytes a file only meets the size limits, which the corpus checks once.
        var times = Math.Min(Times, MaxGrowth / Math.Max(range.Length, 1));
        for (var i = 0; i < times; i++) output.Write(range);
        output.Write(input.AsSpan(at + range.Length));
        return output.ToArray();
    }
}

public sealed record Truncate(double Where) : Mutation
{
    public override byte[] Apply(byte[] input) => input[..At(input, Where)];
}

// ------------------------------------------------------------------ text structure

/// <summary>An opener repeated <see cref="Depth"/> times: brackets, quotes, list markers, XML elements.</summary>
public sealed record Nest(double Where, string Open, int Depth) : Mutation
{
    public override byte[] Apply(byte[] input) =>
        new InsertBytes(Where, Convert.ToHexString(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Open, Depth))))).Apply(input);
}

/// <summary>The line around a place repeated: huge row counts from a small seed.</summary>
public sealed record RepeatLine(double Where, int Times) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var at = Math.Min(At(input, Where), Math.Max(input.Length - 1, 0));
        var start = input.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
        var end = input.AsSpan(start).IndexOf((byte)'\n');
        var length = end < 0 ? input.Length - start : end + 1;
        return new DuplicateRange((double)start / Math.Max(input.Length, 1), length, Times).Apply(input);
    }
}

/// <summary>One character repeated: a field far past its limit.</summary>
public sealed record LongRun(double Where, char Character, int Length) : Mutation
{
    public override byte[] Apply(byte[] input) => new Nest(Where, Character.ToString(), Length).Apply(input);
}

/// <summary>The text re-encoded (read as UTF-8, written in another encoding), or a byte order mark added.</summary>
public sealed record Recode(string To) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        // The 8-bit encodings have no letters outside the basic plane: their encoders take none.
        if (To is "tcvn3" or "vni") text = string.Concat(text.Where(c => !char.IsSurrogate(c)));
        return To switch
        {
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16le+bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(text),
            "utf-16be+bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-8+bom" => [0xEF, 0xBB, 0xBF, .. input],
            "tcvn3" => EightBit(text, LegacyVietnamese.EncodeTcvn3),
            "vni" => EightBit(text, LegacyVietnamese.EncodeVni),
            "windows-1258" => CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetBytes(text),
            "latin1" => Encoding.Latin1.GetBytes(text),
            _ => throw new InvalidOperationException("unknown encoding " + To),
        };
    }

    /// <summary>The project's 8-bit encoders take only Vietnamese text: any other character becomes "?".</summary>
    private static byte[] EightBit(string text, Func<string, byte[]> encode)
    {
        try
        {
            return encode(text);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return [.. text.SelectMany(c =>
            {
                try
                {
                    return encode(c.ToString());
                }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException)
                {
                    return "?"u8.ToArray();
                }
            })];
        }
    }
}

// ------------------------------------------------------------------ zip structure (xlsx, docx, packages)

/// <summary>
/// A change to a package's entries: the zip is read, changed and written again, so its structure stays valid
/// while what is inside is hostile. Entry numbers wrap around. Input that is no zip is left as it is.
/// </summary>
public abstract record ZipMutation : Mutation
{
    public sealed override byte[] Apply(byte[] input)
    {
        List<(string Name, byte[] Bytes)> entries;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read);
            entries = [.. zip.Entries.Select(e => (e.FullName, ReadAll(e)))];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return input;
        }
        if (entries.Count == 0) return input;
        Change(entries);
        return Write(entries);
    }

    protected abstract void Change(List<(string Name, byte[] Bytes)> entries);

    // Entries unpack to at most a few megabytes here: seeds are small, bombs are written by the mutation itself.
    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static byte[] Write(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}

public sealed record InEntry(int Entry, Mutation Inner) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries)
    {
        var i = Entry % entries.Count;
        entries[i] = (entries[i].Name, Inner.Apply(entries[i].Bytes));
    }
}

public sealed record DuplicateEntry(int Entry) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries) => entries.Add(entries[Entry % entries.Count]);
}

public sealed record DropEntry(int Entry) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries) => entries.RemoveAt(Entry % entries.Count);
}

/// <summary>An entry renamed with a trick: a name too long, climbing out, absolute, case-twin, a folder of itself.</summary>
public sealed record RenameEntry(int Entry, string Trick) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries)
    {
        var i = Entry % entries.Count;
        var name = entries[i].Name;
        entries[i] = (Trick switch
        {
            "long" => new string('a', 300) + "/" + name,
            "deep" => string.Concat(Enumerable.Repeat("a/", 400)) + name,
            "climb" => "../../" + name,
            "absolute" => "/" + name,
            "backslash" => "..\\" + name.Replace('/', '\\'),
            "upper" => name.ToUpperInvariant(),
            "folder" => name + "/",
            "blank" => " ",
            "dot" => "./" + name,
            _ => throw new InvalidOperationException("unknown trick " + Trick),
        }, entries[i].Bytes);
        // A case twin or a file that is also a folder needs the original beside it.
        if (Trick is "upper" or "folder") entries.Add((name, entries[i].Bytes));
    }
}

public sealed record ManyEntries(int Count) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries)
    {
        for (var i = 0; i < Count; i++) entries.Add(($"them/{i}.xml", "<a/>"u8.ToArray()));
    }
}

/// <summary>An entry's text replaced by megabytes of one repeated element: a few kilobytes packed.</summary>
public sealed record Bomb(int Entry, int Megabytes) : ZipMutation
{
    protected override void Change(List<(string Name, byte[] Bytes)> entries)
    {
        var i = Entry % entries.Count;
        var bytes = new byte[Megabytes << 20];
        "<a>"u8.CopyTo(bytes);
        for (var b = 3; b < bytes.Length - 4; b++) bytes[b] = (byte)'x';
        "</a>"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        entries[i] = (entries[i].Name, bytes);
    }
}

/// <summary>The sizes the central directory declares for an entry changed: headers lie, bytes cannot.</summary>
public sealed record LieAboutSize(int Entry, uint Size) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var output = (byte[])input.Clone();
        var headers = new List<int>();
        for (var i = 0; i + 46 <= output.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(output.AsSpan(i)) == 0x02014b50) headers.Add(i);
        }
        if (headers.Count == 0) return output;
        // Central directory header: uncompressed size at offset 24.
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(headers[Entry % headers.Count] + 24), Size);
        return output;
    }
}

/// <summary>A seed and the mutations applied to it, in order.</summary>
public sealed record FuzzCase(int Seed, Mutation[] Mutations)
{
    public byte[] Apply(byte[] seed) => Mutations.Aggregate(seed, (bytes, m) => m.Apply(bytes));

    public override string ToString() => $"seed {Seed}: {string.Join(" → ", Mutations.Select(m => m.ToString()))}";
}

/// <summary>FsCheck generators of mutations: byte-level for every file, text structure for text, zip structure for packages.</summary>
public static class MutationGen
{
    private static readonly Gen<double> Where = Gen.Choose(0, 1000).Select(n => n / 1000.0);

    // Small counts most of the time, sometimes the counts that cross a limit (16, 32, 128 levels; 20,000 rows).
    private static readonly Gen<int> Depth = Gen.Frequency(
        (6, Gen.Choose(1, 40)),
        (3, Gen.Elements(17, 33, 129, 200, 1_000)),
        (1, Gen.Elements(10_000, 100_000)));

    private static readonly Gen<int> Times = Gen.Frequency((8, Gen.Choose(1, 20)), (2, Gen.Elements(100, 1_000, 20_001)));

    private static readonly Gen<Mutation> ByteLevel = Gen.OneOf(
        from at in Where from bit in Gen.Choose(0, 7) select (Mutation)new FlipBit(at, bit),
        from at in Where from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)) select (Mutation)new InsertBytes(at, Convert.ToHexString(bytes)),
        from at in Where from bytes in Gen.Elements("00", "FF", "0D", "0A", "22", "EFBBBF", "C3", "E282", "C0AF", "F0908D88", "FEFF", "FFFE")
        select (Mutation)new InsertBytes(at, bytes),
        from at in Where from length in Gen.Choose(1, 64) select (Mutation)new DeleteRange(at, length),
        from at in Where from length in Gen.Choose(1, 256) from times in Times select (Mutation)new DuplicateRange(at, length, times),
        Where.Select(at => (Mutation)new Truncate(at)));

    private static readonly Gen<Mutation> TextLevel = Gen.OneOf(
        from at in Where from open in Gen.Elements("[", "{", "[{", "> ", ">", "- ", "  ", "* ", "1. ", "\"", "<a>", "<w:customXml>", "(", "`", "---\n")
        from depth in Depth select (Mutation)new Nest(at, open, depth),
        from at in Where from times in Times select (Mutation)new RepeatLine(at, times),
        from at in Where from c in Gen.Elements('a', 'ư', ';', ',', '\t', '"', '\n', '\r', '\0')
        from length in Gen.Elements(10, 300, 5_001, 100_001, 1_000_000) select (Mutation)new LongRun(at, c, length),
        Gen.Elements("utf-16le", "utf-16le+bom", "utf-16be", "utf-16be+bom", "utf-8+bom", "tcvn3", "vni", "windows-1258", "latin1").Select(to => (Mutation)new Recode(to)));

    private static readonly Gen<int> Entry = Gen.Choose(0, 50);

    private static readonly Gen<Mutation> ZipLevel = Gen.Frequency(
        (6, from entry in Entry from inner in Gen.OneOf(ByteLevel, TextLevel) select (Mutation)new InEntry(entry, inner)),
        (1, Entry.Select(e => (Mutation)new DuplicateEntry(e))),
        (1, Entry.Select(e => (Mutation)new DropEntry(e))),
        (2, from entry in Entry from trick in Gen.Elements("long", "deep", "climb", "absolute", "backslash", "upper", "folder", "blank", "dot")
            select (Mutation)new RenameEntry(entry, trick)),
        (1, Gen.Elements(10, 1_001, 2_001).Select(n => (Mutation)new ManyEntries(n))),
        (1, from entry in Entry from megabytes in Gen.Elements(1, 40, 70) select (Mutation)new Bomb(entry, megabytes)),
        (1, from entry in Entry from size in Gen.Elements(0u, 1u, 100u, 1u << 30, uint.MaxValue) select (Mutation)new LieAboutSize(entry, size)));

    /// <summary>Cases for text seeds: mostly structure, some raw bytes.</summary>
    public static Gen<FuzzCase> Text(int seeds) => Cases(seeds, Gen.Frequency((2, ByteLevel), (3, TextLevel)));

    /// <summary>Cases for packages: mostly inside the entries, some on the zip's own bytes.</summary>
    public static Gen<FuzzCase> Zip(int seeds) => Cases(seeds, Gen.Frequency((1, ByteLevel), (4, ZipLevel)));

    private static Gen<FuzzCase> Cases(int seeds, Gen<Mutation> mutation) =>
        from seed in Gen.Choose(0, seeds - 1)
        from count in Gen.Choose(1, 3)
        from mutations in Gen.ArrayOf(mutation, count)
        select new FuzzCase(seed, mutations);
}
