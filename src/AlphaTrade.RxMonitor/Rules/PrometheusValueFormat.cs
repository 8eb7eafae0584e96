using System.Globalization;
using System.Text;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>Formats a value the way Prometheus alert templates print <c>{{ $value }}</c>: Go's <c>%v</c> for a float64.</summary>
/// <remarks>
/// The shortest digits that round-trip, in plain notation when the decimal exponent is in [−4, 6) (Go's
/// shortest <c>%g</c>) and in <c>1.5e+06</c> notation otherwise; <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.
/// </remarks>
public static class PrometheusValueFormat
{
    /// <summary>Formats <paramref name="value"/> as Go's <c>fmt.Sprint(float64)</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, e.g. <c>95</c>, <c>0.25</c>, <c>1.234567e+06</c>, <c>1e-05</c>.</returns>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (negative, digits, pointPosition) = ShortestDigits(value);
        var exponent = pointPosition - 1;
        var text = new StringBuilder(24);
        if (negative)
        {
            text.Append('-');
        }

        if (exponent < -4 || exponent >= 6)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+');
            var magnitude = Math.Abs(exponent);
            if (magnitude < 10)
            {
                text.Append('0');
            }

            text.Append(magnitude.ToString(CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            text.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }

        return text.ToString();
    }

    // The shortest round-trip digits (no leading or trailing zeros) and the position of the decimal point:
    // value = 0.d1d2d3… × 10^pointPosition.
    private static (bool Negative, string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot >= 0 ? dot : text.Length;
        var digits = dot >= 0 ? text.Remove(dot, 1) : text;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        return (negative, digits.Length == 0 ? "0" : digits, integerDigits - leadingZeros + exponent);
    }
}
