using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace GuongSang.Search.Analysis;

/// <summary>
/// Puts every word of the input in its search form (<see cref="SearchText.NormalizeWord"/>) before
/// tokenising, and records how lengths changed (NFD input shrinks) so token offsets still point into
/// the original text, which is what snippets mark.
/// </summary>
public sealed class VietnameseCharFilter : BaseCharFilter
{
    private string? _output;
    private int _position;

    public VietnameseCharFilter(TextReader input) : base(input)
    {
    }

    public override int Read(char[] buffer, int index, int count)
    {
        _output ??= Normalize(ReadAll());
        var n = Math.Min(count, _output.Length - _position);
        if (n <= 0) return 0;
        _output.CopyTo(_position, buffer, index, n);
        _position += n;
        return n;
    }

    public override int Read()
    {
        _output ??= Normalize(ReadAll());
        return _position < _output.Length ? _output[_position++] : -1;
    }

    // Lucene's reusable string reader answers null, not "", for an empty string.
    private string ReadAll() => (string?)m_input.ReadToEnd() ?? "";

    private string Normalize(string input)
    {
        var sb = new StringBuilder(input.Length);
        var diff = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (!IsWordChar(input[i]))
            {
                sb.Append(input[i++]);
                continue;
            }
            var start = i;
            while (i < input.Length && IsWordChar(input[i])) i++;
            var word = input[start..i];
            var normalized = SearchText.NormalizeWord(word);
            sb.Append(normalized);
            if (normalized.Length != word.Length)
            {
                diff += word.Length - normalized.Length;
                AddOffCorrectMap(sb.Length, diff);
            }
        }
        return sb.ToString();
    }

    internal static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
