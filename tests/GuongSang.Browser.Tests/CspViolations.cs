using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

/// <summary>
/// Every Content-Security-Policy violation a browser context meets: Chromium's console errors ("Refused to … because it
/// violates the following Content Security Policy directive") and the pages' securitypolicyviolation events.
/// </summary>
public sealed class CspViolations
{
    private const string Binding = "__guongSangCspViolation";

    private readonly ConcurrentQueue<string> _seen = new();

    public static async Task<CspViolations> WatchAsync(IBrowserContext context)
    {
        var violations = new CspViolations();
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations._seen.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        // The binding and the init script come through the DevTools protocol, so the policy under test does not block them.
        await context.ExposeFunctionAsync<string>(Binding, violations._seen.Enqueue);
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window." + Binding +
            "(`${location.href}: ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));");
        return violations;
    }

    /// <summary>Fails with every violation seen, after a round trip to the page so its last reports have arrived.</summary>
    public async Task AssertNoneAsync(IPage page)
    {
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => resolve(null)))");
        Assert.True(_seen.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", _seen));
    }
}
