namespace Marketplace.Web.Features.Shared;

/// <summary>One page of a long list, with what the pager and the "showing 51–100 of 1,234" line need.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Rows, int Page, int Pages, int Total, int PageSize)
{
    public int First => Total == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int Last => (Page - 1) * PageSize + Rows.Count;
}

public static class Paging
{
    /// <summary>The page to show (a page past the end shows the last one) and how many pages there are.</summary>
    public static (int Page, int Pages) Clamp(int total, int requested, int pageSize)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        return (Math.Clamp(requested, 1, pages), pages);
    }

    /// <summary>Counts, then reads only the requested page: a list of 50,000 invoices costs one page of rows.</summary>
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, int requested, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var (page, pages) = Clamp(total, requested, pageSize);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PageOf<T>(rows, page, pages, total, pageSize);
    }
}
