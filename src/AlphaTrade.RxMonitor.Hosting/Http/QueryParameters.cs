using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Reads the query parameters the API endpoints share, collecting every problem with its parameter name.</summary>
internal sealed class QueryParameters(IQueryCollection query)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>A time as RFC 3339 (<c>2026-01-01T00:00:00Z</c>) or Unix seconds (<c>1767225600</c>, fractions allowed).</summary>
    public DateTimeOffset? Time(string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 1e11)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        _errors.Add($"{name}: '{text}' is not a time (RFC 3339, e.g. 2026-01-01T00:00:00Z, or Unix seconds).");
        return null;
    }

    /// <summary>A positive integer no larger than <paramref name="max"/>.</summary>
    public int Integer(string name, int fallback, int max)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 && value <= max)
        {
            return value;
        }

        _errors.Add($"{name}: '{text}' is not a whole number between 1 and {max}.");
        return fallback;
    }

    /// <summary>Every value of a repeated selector parameter (<c>match[]</c>), parsed; none when absent.</summary>
    public List<SeriesSelector> Selectors(string name)
    {
        var selectors = new List<SeriesSelector>();
        foreach (var text in query[name])
        {
            if (SeriesSelector.TryParse(text, out var selector, out var error))
            {
                selectors.Add(selector);
            }
            else
            {
                _errors.Add($"{name}: '{text}' is not a series selector: {error.Message}");
            }
        }

        return selectors;
    }

    /// <summary>A required single value.</summary>
    public string? Required(string name)
    {
        var text = query[name].ToString();
        if (text.Length > 0)
        {
            return text;
        }

        _errors.Add($"{name}: required.");
        return null;
    }

    /// <summary>An optional single value.</summary>
    public string? Optional(string name)
    {
        var text = query[name].ToString();
        return text.Length > 0 ? text : null;
    }

    public void Add(string error) => _errors.Add(error);
}
