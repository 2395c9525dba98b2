using Ganss.Xss;
using System.Text.RegularExpressions;
using GuongSang.Content.Text;
using Markdig;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Content.Markdown;

/// <summary>
/// Markdown → HTML that is safe to send to a reader. Sanitising happens here, at render
/// time, whatever the source (editor, importer, API), so nothing stored can reach a browser raw.
/// One story that cannot be rendered never takes a page down: readers get <see cref="Texts.ContentUnavailable"/>.
/// </summary>
public sealed partial class MarkdownRenderer(ILogger<MarkdownRenderer>? logger = null)
{
    /// <summary>
    /// The deepest nesting of quotes, lists and emphasis a story may have. Real stories stay under ten;
    /// far deeper input is hostile or broken and would make the parser recurse that deep.
    /// </summary>
    public const int MaxNesting = 32;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder
    {
        // Markdig's own guard covers what the line scan does not see (emphasis, links): it throws instead of recursing.
        MaximumNestingDepth = MaxNesting,
    }
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseFigures()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();
    private readonly ILogger _logger = logger ?? NullLogger<MarkdownRenderer>.Instance;

    /// <summary>Sanitised HTML for a reader; the notice instead (logged) if this Markdown cannot be rendered.</summary>
    /// <param name="item">What the Markdown belongs to, for the log ("Exemplar 42").</param>
    public string ToHtml(string? markdown, string? item = null)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        try
        {
            ThrowIfTooDeep(markdown);
            return _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailure(e, item);
            return $"<p class=\"content-unavailable\">{Texts.ContentUnavailable}</p>";
        }
    }

    /// <summary>Plain text of the Markdown for a reader (excerpts); the notice instead (logged) if it cannot be rendered.</summary>
    public string ToPlainText(string? markdown, string? item = null)
    {
        try
        {
            return ToPlainTextOrThrow(markdown);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailure(e, item);
            return Texts.ContentUnavailable;
        }
    }

    /// <summary>Plain text of the Markdown, for search: throws if it cannot be rendered, so the indexer can record and skip the item.</summary>
    public string ToPlainTextOrThrow(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        ThrowIfTooDeep(markdown);
        return Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
    }

    /// <summary>
    /// Why this Markdown could not be shown (in Vietnamese), or null when it can: the one depth rule the
    /// importer applies to a row and the renderer to a stored story.
    /// </summary>
    public static string? CheckDepth(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        if (DeepestLine(markdown) is { } deep) return TooDeep(deep.Line, deep.Depth);
        try
        {
            // Rendering, not only parsing: Markdig checks inline depth (emphasis) as it renders.
            Markdig.Markdown.ToPlainText(markdown, Pipeline);
            return null;
        }
        catch (ArgumentException)
        {
            // Markdig's depth guard (deep emphasis or links): the line is not known.
            return $"nội dung lồng nhau quá {MaxNesting} cấp (nhấn mạnh, liên kết…)";
        }
    }

    private static void ThrowIfTooDeep(string markdown)
    {
        if (DeepestLine(markdown) is { } deep) throw new MarkdownTooDeepException(TooDeep(deep.Line, deep.Depth));
    }

    private static string TooDeep(int line, int depth) =>
        $"dòng {line} lồng {depth} cấp trích dẫn/danh sách, quá giới hạn {MaxNesting} cấp";

    /// <summary>
    /// The first line whose quote and list markers (with the indentation that nests lists) open more than
    /// <see cref="MaxNesting"/> levels, found in one pass without parsing. A list level counts two, as
    /// Markdig nests a list and its item.
    /// </summary>
    private static (int Line, int Depth)? DeepestLine(string markdown)
    {
        var line = 1;
        var i = 0;
        while (i < markdown.Length)
        {
            int quotes = 0, lists = 0, columns = 0;
            while (i < markdown.Length)
            {
                var c = markdown[i];
                if (c == ' ') columns++;
                else if (c == '\t') columns += 4;
                else if (c == '>') quotes++;
                else if (ListMarkerLength(markdown, i) is > 0 and var length)
                {
                    lists++;
                    i += length - 1;
                }
                else break;
                i++;
            }
            var end = markdown.IndexOf('\n', i);
            // "- - - -" and "* * *" are rules, not lists; indentation alone nests lists (two columns a level),
            // elsewhere it is only a code block.
            var depth = quotes;
            if (lists > 0 && !IsRule(markdown.AsSpan(i, (end < 0 ? markdown.Length : end) - i))) depth += 2 * lists + columns;
            if (depth > MaxNesting) return (line, depth);
            if (end < 0) break;
            i = end + 1;
            line++;
        }
        return null;
    }

    private static bool IsRule(ReadOnlySpan<char> rest) => rest.TrimEnd(" \t\r-*_").IsEmpty;

    /// <summary>Length of a list marker ("-", "*", "+", "1.", "12)") followed by a space at <paramref name="i"/>, else 0.</summary>
    private static int ListMarkerLength(string text, int i)
    {
        var end = i;
        if (text[i] is '-' or '*' or '+') end++;
        else
        {
            while (end < text.Length && end - i < 9 && char.IsAsciiDigit(text[end])) end++;
            if (end == i || end >= text.Length || text[end] is not ('.' or ')')) return 0;
            end++;
        }
        return end < text.Length && text[end] is ' ' or '\t' ? end - i : 0;
    }

    private void LogFailure(Exception e, string? item) =>
        _logger.LogWarning(e, "Không hiển thị được nội dung Markdown của {Item}; bạn đọc thấy thông báo thay thế.", item ?? "(không rõ)");

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // No inline styles: the site's Content-Security-Policy (style-src 'self') would refuse them. Markdig writes table
        // column alignment as a style; it survives as the align attribute, which needs no CSS.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name == "style" && e.Tag.TagName is "TH" or "TD" &&
                TextAlign().Match(e.Attribute.Value) is { Success: true } align)
            {
                e.Tag.SetAttribute("align", align.Groups[1].Value);
            }
        };
        // name= can shadow the page's own script globals (DOM clobbering).
        sanitizer.AllowedAttributes.Remove("name");
        // Stories carry no forms: nothing that could post a reader's input elsewhere.
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "optgroup", "label", "fieldset", "legend" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element) return;
            // External links open safely.
            if (element.TagName == "A" && element.GetAttribute("href") is { } href && IsOffSite(href))
            {
                element.SetAttribute("rel", "nofollow noopener");
            }
        };
        sanitizer.PostProcessDom += (_, e) => LinkOffSiteImages(e.Document);
        return sanitizer;
    }

    [GeneratedRegex(@"^\s*text-align:\s*(left|center|right)\s*;?\s*$")]
    private static partial Regex TextAlign();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    /// <summary>
    /// Stories show only the site's own media (CSP img-src 'self'): an image from elsewhere would be blocked, and would
    /// tell a third party who reads what (tracking pixels). It becomes a link to that image, so nothing the author wrote
    /// is lost; a local path outside /media/ is dropped.
    /// </summary>
    private static void LinkOffSiteImages(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var img in document.QuerySelectorAll("img").ToList())
        {
            var src = img.GetAttribute("src") ?? "";
            if (IsSiteMedia(src)) continue;
            if (!IsOffSite(src))
            {
                img.Remove();
                continue;
            }
            var text = string.IsNullOrWhiteSpace(img.GetAttribute("alt")) ? src : img.GetAttribute("alt")!;
            if (img.Closest("a") is not null)
            {
                img.Replace(document.CreateTextNode(text));
                continue;
            }
            var link = document.CreateElement("a");
            link.SetAttribute("href", src);
            link.SetAttribute("rel", "nofollow noopener");
            link.TextContent = text;
            img.Replace(link);
        }
    }

    /// <summary>An absolute (http:, https:) or scheme-relative (//host, /\host as browsers read it) address.</summary>
    private static bool IsOffSite(string src)
    {
        var url = src.Trim().Replace('\\', '/');
        return url.StartsWith("//", StringComparison.Ordinal) || Scheme().IsMatch(url);
    }

    /// <summary>A path under /media/ made of the characters media paths use: no other host, no "..", no escapes.</summary>
    private static bool IsSiteMedia(string? src) =>
        src is not null && src.StartsWith("/media/", StringComparison.Ordinal) && !src.Contains("..", StringComparison.Ordinal) &&
        !src.Contains("//", StringComparison.Ordinal) && src.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');
}

/// <summary>Markdown nested deeper than <see cref="MarkdownRenderer.MaxNesting"/>: the message says where, in Vietnamese.</summary>
public sealed class MarkdownTooDeepException(string message) : Exception(message);
