using System.Globalization;

namespace GuongSang.Content.Text;

/// <summary>Times are stored in UTC and shown in Vietnam time (UTC+7, no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime ToLocal(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static string Date(DateTime? utc) =>
        utc is null ? "" : ToLocal(utc.Value).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string DateTimeText(DateTime? utc) =>
        utc is null ? "" : ToLocal(utc.Value).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
