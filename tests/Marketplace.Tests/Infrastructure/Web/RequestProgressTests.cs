using Marketplace.Web.Infrastructure.Web;

namespace Marketplace.Tests.Infrastructure.Web;

public sealed class RequestProgressTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Guid Person = Guid.NewGuid(), Lot = Guid.NewGuid();

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(250, 1000, 25)]
    [InlineData(999, 1000, 99)]
    [InlineData(1000, 1000, 100)]
    public void The_percentage_is_of_the_known_total_and_never_more_than_100(int done, int total, int percent) =>
        Assert.Equal(percent, new RequestProgress.State("Checking rows", done, total).Percent);

    [Fact]
    public void A_state_is_read_back_only_by_its_person_subject_and_token()
    {
        var progress = new RequestProgress(new ManualTime());
        progress.Track(Person, Lot, "token-1").Report(new RequestProgress.State("Checking rows", 500, 50_000));

        Assert.Equal(new RequestProgress.State("Checking rows", 500, 50_000), progress.Of(Person, Lot, "token-1"));
        Assert.Null(progress.Of(Guid.NewGuid(), Lot, "token-1"));
        Assert.Null(progress.Of(Person, Guid.NewGuid(), "token-1"));
        Assert.Null(progress.Of(Person, Lot, "token-2"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_form_without_a_token_reports_nowhere(string? token)
    {
        var progress = new RequestProgress(new ManualTime());
        progress.Track(Person, Lot, token).Report(new RequestProgress.State("Checking rows", 1, 2));

        Assert.Null(progress.Of(Person, Lot, token));
    }

    [Fact]
    public void A_state_older_than_the_retention_is_forgotten_when_the_next_request_starts()
    {
        var time = new ManualTime();
        var progress = new RequestProgress(time);
        progress.Track(Person, Lot, "old").Report(new RequestProgress.State("Recording 10 media", 10, 10));

        time.Now += RequestProgress.Retention - TimeSpan.FromSeconds(1);
        progress.Track(Person, Lot, "new");
        Assert.NotNull(progress.Of(Person, Lot, "old"));

        time.Now += TimeSpan.FromSeconds(2);
        progress.Track(Person, Lot, "newer");
        Assert.Null(progress.Of(Person, Lot, "old"));
    }
}
