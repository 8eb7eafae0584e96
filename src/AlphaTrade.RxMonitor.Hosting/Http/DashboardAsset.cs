namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>One embedded dashboard file.</summary>
/// <param name="Name">The file name.</param>
/// <param name="ContentType">Its <c>Content-Type</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Gzip">Its bytes, gzip-compressed.</param>
/// <param name="ETag">A strong ETag of the content.</param>
internal sealed record DashboardAsset(string Name, string ContentType, byte[] Content, byte[] Gzip, string ETag);
