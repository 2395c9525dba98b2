using Microsoft.AspNetCore.Mvc.Razor;

namespace GuongSang.Web.Site;

/// <summary>
/// Themes live in themes/&lt;Name&gt;/: the site compiles their views and serves their assets/. A theme overrides any view by
/// giving a file the same name under themes/&lt;Name&gt;/Views/, and brings its own CSS in assets/.
/// </summary>
public sealed class ThemeOptions
{
    public static readonly string[] Known = ["Default", "HighContrast"];

    public string Name { get; init; } = "Default";

    public static ThemeOptions From(string? configured)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? "Default" : configured.Trim();
        var known = Known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Unknown theme '{name}' in GuongSang:Theme. Known themes: {string.Join(", ", Known)}.");
        return new ThemeOptions { Name = known };
    }
}

internal sealed class ThemeViewLocationExpander(ThemeOptions theme) : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context) => context.Values["theme"] = theme.Name;

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
    [
        $"/Themes/{theme.Name}/Views/{{1}}/{{0}}.cshtml",
        $"/Themes/{theme.Name}/Views/Shared/{{0}}.cshtml",
        .. viewLocations,
    ];
}
