using Ganss.Xss;
using System.Text.RegularExpressions;
using Markdig;

namespace GuongSang.Content.Markdown;

/// <summary>
/// Markdown → HTML that is safe to send to a reader. Sanitising happens here, at render
/// time, whatever the source (editor, importer, API), so nothing stored can reach a browser raw.
/// </summary>
public sealed partial class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseFigures()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var html = Markdig.Markdown.ToHtml(markdown, _pipeline);
        return _sanitizer.Sanitize(html);
    }

    /// <summary>Plain text of the Markdown, for summaries and search.</summary>
    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, _pipeline).Trim();

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
        // Stories carry no forms: nothing that could post a reader's input elsewhere.
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "optgroup", "label", "fieldset", "legend" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        // External links open safely.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a &&
                a.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                a.SetAttribute("rel", "nofollow noopener");
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
    /// Stories show only the site's own images (CSP img-src 'self'): an image from elsewhere would be blocked, and would
    /// tell a third party who reads what. It becomes a link to that image, so nothing the author wrote is lost.
    /// </summary>
    private static void LinkOffSiteImages(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var img in document.QuerySelectorAll("img").ToList())
        {
            var src = img.GetAttribute("src") ?? "";
            if (!IsOffSite(src)) continue;
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
}
