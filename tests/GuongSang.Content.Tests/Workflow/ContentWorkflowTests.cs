using System.Text;
using GuongSang.Content.Model;
using GuongSang.Content.Workflow;

namespace GuongSang.Content.Tests.Workflow;

/// <summary>The one set of workflow rules: which step is allowed from which state, and what each step writes.</summary>
public class ContentWorkflowTests
{
    private static readonly DateTime Now = new(2026, 3, 5, 3, 0, 0, DateTimeKind.Utc);

    private static Article Item(ContentStatus status, DateTime? publishedAt = null) => new()
    {
        Title = "Bài", Slug = "bai", Status = status, PublishedAt = publishedAt, CreatedAt = Now, UpdatedAt = Now,
    };

    /// <summary>Every (state, step) pair and whether the rules allow it: the table written out, not read back from the code.</summary>
    public static TheoryData<ContentStatus, WorkflowAction, bool> Table()
    {
        var allowed = new HashSet<(ContentStatus, WorkflowAction)>
        {
            (ContentStatus.Draft, WorkflowAction.Submit),
            (ContentStatus.InReview, WorkflowAction.ReturnToDraft),
            (ContentStatus.Scheduled, WorkflowAction.ReturnToDraft),
            (ContentStatus.Draft, WorkflowAction.Publish),
            (ContentStatus.InReview, WorkflowAction.Publish),
            (ContentStatus.Scheduled, WorkflowAction.Publish),
            (ContentStatus.Archived, WorkflowAction.Publish),
            (ContentStatus.Withdrawn, WorkflowAction.Publish),
            (ContentStatus.Published, WorkflowAction.Archive),
            (ContentStatus.Published, WorkflowAction.Withdraw),
            (ContentStatus.Archived, WorkflowAction.Withdraw),
        };
        var data = new TheoryData<ContentStatus, WorkflowAction, bool>();
        foreach (var status in Enum.GetValues<ContentStatus>())
            foreach (var action in Enum.GetValues<WorkflowAction>())
                data.Add(status, action, allowed.Contains((status, action)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_step_is_allowed_only_from_its_states_and_a_refusal_says_why_in_Vietnamese(ContentStatus from, WorkflowAction action, bool allowed)
    {
        var item = Item(from, from is ContentStatus.Published or ContentStatus.Archived or ContentStatus.Withdrawn ? Now.AddDays(-10) : null);
        var result = ContentWorkflow.Apply(item, action, Now, reason: "Quyết định khen thưởng bị hủy");

        Assert.Equal(allowed, ContentWorkflow.CanTake(from, action));
        Assert.Equal(allowed, result.Done);
        if (allowed)
        {
            Assert.Null(result.Error);
            var expected = action switch
            {
                WorkflowAction.Submit => ContentStatus.InReview,
                WorkflowAction.ReturnToDraft => ContentStatus.Draft,
                WorkflowAction.Publish => ContentStatus.Published,
                WorkflowAction.Archive => ContentStatus.Archived,
                _ => ContentStatus.Withdrawn,
            };
            Assert.Equal(expected, item.Status);
        }
        else
        {
            Assert.Equal(from, item.Status);
            Assert.Equal(
                $"Không thể {ContentWorkflow.ActionName(action)} khi bài đang ở trạng thái \"{ContentWorkflow.StatusName(from)}\".",
                result.Error);
        }
    }

    [Fact]
    public void Publishing_at_a_future_time_schedules_and_the_scheduler_publishes_when_the_time_has_come()
    {
        var item = Item(ContentStatus.InReview);
        var at = Now.AddHours(5);

        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.Publish, Now, at: at).Done);
        Assert.Equal(ContentStatus.Scheduled, item.Status);
        Assert.Equal(at, item.ScheduledAt);
        Assert.Null(item.PublishedAt);

        Assert.False(ContentWorkflow.PublishIfDue(item, at.AddTicks(-1)));
        Assert.Equal(ContentStatus.Scheduled, item.Status);

        Assert.True(ContentWorkflow.PublishIfDue(item, at.AddMinutes(3)));
        Assert.Equal(ContentStatus.Published, item.Status);
        // Published as of the time it was scheduled for, not when the scheduler happened to look.
        Assert.Equal(at, item.PublishedAt);
        Assert.Null(item.ScheduledAt);
        // A second pass finds nothing to do.
        Assert.False(ContentWorkflow.PublishIfDue(item, at.AddMinutes(4)));
    }

    [Fact]
    public void Publishing_at_a_past_time_publishes_now()
    {
        var item = Item(ContentStatus.Draft);
        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.Publish, Now, at: Now.AddHours(-1)).Done);
        Assert.Equal(ContentStatus.Published, item.Status);
        Assert.Equal(Now, item.PublishedAt);
    }

    [Fact]
    public void Returning_a_scheduled_story_to_draft_forgets_its_time()
    {
        var item = Item(ContentStatus.Draft);
        ContentWorkflow.Apply(item, WorkflowAction.Publish, Now, at: Now.AddDays(1));
        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.ReturnToDraft, Now).Done);
        Assert.Null(item.ScheduledAt);
        Assert.False(ContentWorkflow.PublishIfDue(item, Now.AddDays(2)));
    }

    [Theory]
    [InlineData(ContentStatus.Archived)]
    [InlineData(ContentStatus.Withdrawn)]
    public void A_story_once_published_is_republished_now_never_scheduled(ContentStatus from)
    {
        var item = Item(from, Now.AddDays(-30));
        var result = ContentWorkflow.Apply(item, WorkflowAction.Publish, Now, at: Now.AddDays(1));
        Assert.False(result.Done);
        Assert.Equal("Bài đã từng đăng chỉ có thể đăng lại ngay, không hẹn giờ.", result.Error);
        Assert.Equal(from, item.Status);
    }

    [Fact]
    public void Republishing_keeps_the_first_publication_date_and_clears_the_withdrawal()
    {
        var first = Now.AddDays(-30);
        var item = Item(ContentStatus.Published, first);
        ContentWorkflow.Apply(item, WorkflowAction.Withdraw, Now.AddDays(-1), reason: "Sai sự thật");
        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.Publish, Now).Done);
        Assert.Equal(ContentStatus.Published, item.Status);
        Assert.Equal(first, item.PublishedAt);
        Assert.Null(item.WithdrawnAt);
        Assert.Null(item.WithdrawalReason);
    }

    [Theory]
    [InlineData(null, "Hãy nhập lý do thu hồi.")]
    [InlineData("   \n ", "Hãy nhập lý do thu hồi.")]
    public void A_withdrawal_needs_a_reason(string? reason, string error)
    {
        var item = Item(ContentStatus.Published, Now);
        var result = ContentWorkflow.Apply(item, WorkflowAction.Withdraw, Now, reason: reason);
        Assert.Equal((false, error), (result.Done, result.Error));
        Assert.Equal(ContentStatus.Published, item.Status);
        Assert.Null(item.WithdrawnAt);
    }

    [Fact]
    public void A_withdrawal_reason_is_at_most_300_characters()
    {
        var item = Item(ContentStatus.Published, Now);
        var tooLong = ContentWorkflow.Apply(item, WorkflowAction.Withdraw, Now, reason: new string('a', 301));
        Assert.Equal((false, "Lý do thu hồi dài tối đa 300 ký tự."), (tooLong.Done, tooLong.Error));
        Assert.Equal(ContentStatus.Published, item.Status);

        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.Withdraw, Now, reason: new string('a', 300)).Done);
        Assert.Equal(300, item.WithdrawalReason!.Length);
    }

    [Fact]
    public void A_withdrawal_reason_is_stored_on_one_line_in_NFC()
    {
        var item = Item(ContentStatus.Published, Now);
        var decomposed = "Quyết định\r\n  khen thưởng   bị hủy bỏ\tdo hoà giải".Normalize(NormalizationForm.FormD);

        Assert.True(ContentWorkflow.Apply(item, WorkflowAction.Withdraw, Now, reason: decomposed).Done);

        Assert.Equal("Quyết định khen thưởng bị hủy bỏ do hòa giải", item.WithdrawalReason);
        Assert.True(item.WithdrawalReason!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(Now, item.WithdrawnAt);
    }

    [Fact]
    public void A_correction_is_recorded_only_on_a_published_story_with_a_one_line_note()
    {
        var draft = Item(ContentStatus.Draft);
        Assert.Equal("Chỉ bài đã đăng mới có ghi chú cập nhật.", ContentWorkflow.Correct(draft, "sửa năm sinh", Now).Error);
        Assert.Null(draft.CorrectedAt);

        var published = Item(ContentStatus.Published, Now.AddDays(-3));
        Assert.Equal("Hãy nhập lý do cập nhật.", ContentWorkflow.Correct(published, " ", Now).Error);
        Assert.Equal("Lý do cập nhật dài tối đa 300 ký tự.", ContentWorkflow.Correct(published, new string('x', 301), Now).Error);
        Assert.True(ContentWorkflow.Correct(published, "sửa\nnăm sinh", Now).Done);
        Assert.Equal((Now, "sửa năm sinh"), (published.CorrectedAt, published.CorrectionNote));
    }

    [Fact]
    public void The_correction_line_reads_the_date_in_Vietnam_time()
    {
        // 18:00 UTC on 04/03 is already 05/03 in Vietnam.
        Assert.Equal("Cập nhật ngày 05/03/2026: sửa năm sinh",
            ContentWorkflow.CorrectionLine(new DateTime(2026, 3, 4, 18, 0, 0, DateTimeKind.Utc), "sửa năm sinh"));
        Assert.Null(ContentWorkflow.CorrectionLine(null, "sửa năm sinh"));
        Assert.Null(ContentWorkflow.CorrectionLine(Now, null));
        Assert.Null(ContentWorkflow.CorrectionLine(Now, " "));
    }
}
