using GuongSang.Content.Accounts;
using GuongSang.Content.Storage;
using GuongSang.Import;
using GuongSang.Import.Reading;
using Microsoft.AspNetCore.Http.Features;

namespace GuongSang.Web.Api;

/// <summary>
/// The agency push API: POST /api/v1/agencies/{code}/submissions with the agency's API key
/// (Authorization: Bearer … or X-Api-Key). The body is the JSON of an agency's system, or a file
/// (multipart field "file", or a raw body with ?fileName=…). The answer is the import report.
/// Every row is written for the key's agency, whatever the file says. A failure of ours answers 500
/// with a generic message and an incident number; its details are in the site's log only.
/// </summary>
public static class AgencySubmissionEndpoints
{
    /// <summary>Largest accepted request (GuongSang:Import:MaxRequestBytes), default 100 MiB.</summary>
    public const long DefaultMaxRequestBytes = 100L << 20;

    public static IEndpointRouteBuilder MapAgencySubmissions(this IEndpointRouteBuilder app)
    {
        var service = new ImportService(app.ServiceProvider.GetRequiredService<DataFolder>(),
            logger: app.ServiceProvider.GetRequiredService<ILogger<ImportService>>());
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var configured = configuration.GetValue<long?>("GuongSang:Import:MaxRequestBytes");
        var limit = configured is > 0 ? configured.Value : DefaultMaxRequestBytes;
        var budget = configuration.GetValue<TimeSpan?>("GuongSang:Import:TimeBudget") is { } b && b > TimeSpan.Zero ? b : ImportOptions.DefaultTimeBudget;
        var newExemplars = configuration[NewContentModes.Setting];
        if (!NewContentModes.TryParse(newExemplars, out var mode))
        {
            throw new InvalidOperationException(NewContentModes.Error(NewContentModes.Setting, newExemplars!));
        }
        var stopping = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        app.MapPost("/api/v1/agencies/{code}/submissions", async (HttpContext http, string code, GuongSangDb db, CancellationToken ct) =>
            {
                // The import stops when the client goes away or the site shuts down, whatever it is reading.
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
                try
                {
                    return await SubmitAsync(http, code, db, service, limit, budget, mode, cancel.Token);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    return Problem(StatusCodes.Status503ServiceUnavailable, "Máy chủ đang dừng",
                        "Máy chủ dừng giữa lúc nhập: không có gì được ghi. Hãy gửi lại sau ít phút.");
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // No one is left to answer: the log says what became of the push.
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgencySubmissionEndpoints))
                        .LogInformation("Lần gửi của cơ quan {Agency} bị ngắt (máy khách đã rời đi): việc nhập đã dừng và hoàn tác, không có gì được ghi.", code);
                    return Results.Empty;
                }
            })
            .DisableAntiforgery()
            .WithTags("push");
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext http, string code, GuongSangDb db, ImportService service, long limit, TimeSpan budget, NewContentMode mode, CancellationToken ct)
    {
        var key = http.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth[7..].Trim()
            : http.Request.Headers["X-Api-Key"].ToString();
        var agency = await AgencyKeys.VerifyAsync(db, code, key, ct);
        if (agency is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Khóa API không hợp lệ",
                $"Thiếu khóa API hoặc khóa không phải của cơ quan \"{code}\". Gửi khóa trong tiêu đề Authorization: Bearer <khóa>.");
        }

        if (http.Request.ContentLength > limit) return TooLarge(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = limit;
        // Counted whatever the body's form, so going past the limit is told apart from a malformed body.
        http.Request.Body = new BoundedStream(http.Request.Body, limit, () => new RequestTooLargeException());

        Stream body;
        string fileName;
        var contentType = http.Request.ContentType ?? "";
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
            }
            catch (Exception e) when (e is RequestTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return TooLarge(limit);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // No boundary, a body cut before its closing boundary, a broken part header: the sender's error.
                // The reader's own words stay in the log.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgencySubmissionEndpoints))
                    .LogInformation(e, "Biểu mẫu multipart của cơ quan {Agency} không đọc được.", agency.Code);
                return Problem(StatusCodes.Status400BadRequest, "Biểu mẫu không đọc được",
                    "Nội dung multipart/form-data không đúng định dạng (thiếu boundary trong Content-Type, hoặc bị cắt trước ranh giới kết thúc). Gửi tệp trong trường \"file\" của biểu mẫu multipart.");
            }
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return Problem(StatusCodes.Status400BadRequest, "Thiếu tệp", "Gửi tệp trong trường \"file\" của biểu mẫu multipart.");
            body = file.OpenReadStream();
            fileName = file.FileName;
        }
        else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            body = http.Request.Body;
            fileName = "submission.json";
        }
        else if (http.Request.Query["fileName"].ToString() is { Length: > 0 } named)
        {
            body = http.Request.Body;
            fileName = named;
        }
        else
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Kiểu nội dung không được hỗ trợ",
                "Gửi JSON (Content-Type: application/json), một tệp multipart trong trường \"file\", hoặc nội dung thô kèm ?fileName=ten-tep.xlsx.");
        }

        var options = new ImportOptions
        {
            ForcedAgencyCode = agency.Code,
            Actor = "api:" + agency.Code,
            DryRun = bool.TryParse(http.Request.Query["dryRun"], out var dry) && dry,
            TimeBudget = budget,
            NewExemplars = mode,
        };
        FileReport report;
        try
        {
            report = await service.ImportStreamAsync(body, fileName, options, progress: null, ct);
        }
        catch (RequestTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        if (!options.DryRun)
        {
            // Who sent what, and what became of it: the agency's key is the author, as in the revisions.
            await ImportAudit.RecordAsync(http.RequestServices.GetRequiredService<IAuditLog>(), report, mode, options.Actor!, CancellationToken.None);
        }

        var result = new ImportReport();
        result.Files.Add(report);
        if (report.Status == FileStatus.Rejected)
        {
            return Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = report.SystemError ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest,
                Title = report.SystemError ? "Lỗi hệ thống" : "Tệp bị từ chối",
                Detail = report.Error,
                Extensions = { ["report"] = result },
            });
        }
        return Results.Json(result, ImportReport.JsonOptions);
    }

    private static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Tệp quá lớn", $"Mỗi lần gửi tối đa {limit / (1 << 20)} MiB.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private sealed class RequestTooLargeException : IOException;
}
