using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// Checks YAML front matter before YamlDotNet parses it. Its scanner and parser recurse once per
/// nesting level, so a few hundred kilobytes of "[" would end the process with a stack overflow,
/// which no catch can stop. Front matter holds a title, a code and a few tags: it is bounded in
/// size and in nesting, counted cheaply and conservatively (quotes are not understood, so a
/// bracket inside a quoted title counts too).
/// </summary>
public static class FrontMatterGuard
{
    public static void Check(string yaml)
    {
        var bytes = Encoding.UTF8.GetByteCount(yaml);
        if (bytes > ReadLimits.MaxFrontMatterBytes)
            throw new ImportRejectedException(
                $"phần đầu YAML (giữa hai dòng ---) dài {ReadLimits.Describe(bytes)}, quá giới hạn {ReadLimits.Describe(ReadLimits.MaxFrontMatterBytes)}");

        var flow = 0;
        var lineNumber = 1;
        var atLineStart = true;
        var lead = 0;
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (c == '\n')
            {
                lineNumber++;
                atLineStart = true;
                lead = 0;
                continue;
            }
            if (atLineStart)
            {
                // Block nesting: indentation, and "- " / "? " / ": " that open a collection on the same line ("- - - x").
                var indicator = c is '-' or '?' or ':' && (i + 1 == yaml.Length || yaml[i + 1] is ' ' or '\t' or '\n');
                if (c is ' ' or '\t' || indicator)
                {
                    // Each level takes at least two columns ("- ", or two spaces of indentation in practice).
                    if (++lead > 2 * ReadLimits.MaxYamlDepth) throw TooDeep(lineNumber);
                    continue;
                }
                atLineStart = false;
            }
            if (c is '[' or '{')
            {
                if (++flow > ReadLimits.MaxYamlDepth) throw TooDeep(lineNumber);
            }
            else if (c is ']' or '}' && flow > 0)
            {
                flow--;
            }
        }
    }

    private static ImportRejectedException TooDeep(int line) =>
        new($"phần đầu YAML lồng quá {ReadLimits.MaxYamlDepth} cấp (dòng {line + 1} của tệp): không phải phần đầu của một bài viết thật");
}
