using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>The dashboard's files, embedded in this assembly: each with its content type, a strong ETag and a gzip copy, made once.</summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "RxMonitor.Dashboard/";

    private static readonly Lazy<DashboardAssets> Embedded = new(Load);

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> files) => Files = files;

    /// <summary>The assets of this assembly.</summary>
    public static DashboardAssets Instance => Embedded.Value;

    /// <summary>The files by name (<c>index.html</c>, <c>app.js</c>, …).</summary>
    public FrozenDictionary<string, DashboardAsset> Files { get; }

    private static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(static n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            using var zipped = new MemoryStream();
            using (var gzip = new GZipStream(zipped, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                gzip.Write(content);
            }

            var name = resource[Prefix.Length..];
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            files[name] = new DashboardAsset(name, ContentType(name), content, zipped.ToArray(), etag);
        }

        return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
