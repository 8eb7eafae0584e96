using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>The browser sessions opened by <c>POST /api/login</c>: random ids, each valid for <see cref="Lifetime"/>, kept in memory only.</summary>
/// <remarks>Thread-safe. A restart ends every session. At most <see cref="MaxSessions"/> are kept; the oldest makes room.</remarks>
internal sealed class SessionStore(TimeProvider clock)
{
    /// <summary>How long a session lasts: 12 hours.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The most sessions kept at once.</summary>
    public const int MaxSessions = 1_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    public string Open()
    {
        var now = clock.GetUtcNow();
        if (_expiry.Count >= MaxSessions)
        {
            foreach (var (id, expires) in _expiry.OrderBy(static s => s.Value).Take(_expiry.Count - MaxSessions + 1))
            {
                _expiry.TryRemove(id, out _);
            }
        }

        var session = Base64Url(RandomNumberGenerator.GetBytes(32));
        _expiry[session] = now + Lifetime;
        return session;
    }

    public bool IsValid(string? session)
    {
        if (string.IsNullOrEmpty(session) || !_expiry.TryGetValue(session, out var expires))
        {
            return false;
        }

        if (clock.GetUtcNow() < expires)
        {
            return true;
        }

        _expiry.TryRemove(session, out _);
        return false;
    }

    public void Close(string? session)
    {
        if (session is not null)
        {
            _expiry.TryRemove(session, out _);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
