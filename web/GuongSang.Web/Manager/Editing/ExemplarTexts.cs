using GuongSang.Content.Model;
using GuongSang.Content.Workflow;
using GuongSang.Import.Mapping;

namespace GuongSang.Web.Manager.Editing;

/// <summary>The exemplar editor's Vietnamese wording: field labels and messages, in one place for the pages and the API.</summary>
public static class ExemplarTexts
{
    public const string Conflict = ContentWorkflow.ConflictMessage;
    public const string PhotoAlt = "Chú thích ảnh";
    public const string NotFound = "Không tìm thấy điển hình này.";

    /// <summary>The form's field names and their labels (the importer's column names where there is one).</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(ExemplarInput.Agency)] = "Cơ quan",
        [nameof(ExemplarInput.Code)] = Columns.Label(Import.Mapping.Field.Code),
        [nameof(ExemplarInput.Name)] = Columns.Label(Import.Mapping.Field.Name),
        [nameof(ExemplarInput.Kind)] = Columns.Label(Import.Mapping.Field.Kind),
        [nameof(ExemplarInput.Gender)] = Columns.Label(Import.Mapping.Field.Gender),
        [nameof(ExemplarInput.BirthYear)] = Columns.Label(Import.Mapping.Field.BirthYear),
        [nameof(ExemplarInput.Ethnicity)] = Columns.Label(Import.Mapping.Field.Ethnicity),
        [nameof(ExemplarInput.Position)] = Columns.Label(Import.Mapping.Field.Position),
        [nameof(ExemplarInput.Address)] = "Địa chỉ (như khi được khen)",
        [nameof(ExemplarInput.Province)] = "Tỉnh/thành phố (hiện nay)",
        [nameof(ExemplarInput.Field)] = Columns.Label(Import.Mapping.Field.Area),
        [nameof(ExemplarInput.Movement)] = Columns.Label(Import.Mapping.Field.Movement),
        [nameof(ExemplarInput.Summary)] = Columns.Label(Import.Mapping.Field.Summary),
        [nameof(ExemplarInput.Body)] = "Nội dung (Markdown)",
        [nameof(ExemplarInput.PrivateContact)] = "Liên hệ nội bộ (chỉ cán bộ thấy, không bao giờ công khai)",
        [nameof(ExemplarInput.CorrectionNote)] = "Lý do cập nhật (một dòng, hiện công khai trên trang)",
        [nameof(ExemplarInput.ArticleIds)] = "Bài viết liên quan",
        ["Photo"] = "Ảnh",
    };

    public static string Label(string field) => Labels.TryGetValue(field, out var label) ? label : field;

    public static string Required(string field) => $"Hãy nhập {Label(field).ToLowerInvariant()}.";

    public static string TooLong(int length, int max) => $"Dài {length:N0} ký tự, quá giới hạn {max:N0} ký tự.".Replace(',', '.');

    /// <summary>"Khen thưởng dòng 2: …", so a person finds the row among several.</summary>
    public static string RecognitionRow(int index, string message) => $"Khen thưởng dòng {index + 1}: {message}";

    public static string RecognitionKey(int index, string field) => $"{nameof(ExemplarInput.Recognitions)}[{index}].{field}";

    public static string PhotoKey(int index, string field) => $"{nameof(ExemplarInput.Photos)}[{index}].{field}";

    public static string Button(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => "Gửi duyệt",
        WorkflowAction.Publish => "Đăng",
        WorkflowAction.ReturnToDraft => "Trả về bản nháp",
        WorkflowAction.Archive => "Lưu trữ",
        _ => "Thu hồi",
    };

    public static string Done(WorkflowAction action, ContentStatus after) => action switch
    {
        WorkflowAction.Submit => "Đã gửi duyệt.",
        WorkflowAction.Publish when after == ContentStatus.Scheduled => "Đã hẹn giờ đăng.",
        WorkflowAction.Publish => "Đã đăng.",
        WorkflowAction.ReturnToDraft => "Đã trả về bản nháp.",
        WorkflowAction.Archive => "Đã lưu trữ.",
        _ => "Đã thu hồi. Trang công khai hiện thông báo thu hồi cùng lý do.",
    };
}
