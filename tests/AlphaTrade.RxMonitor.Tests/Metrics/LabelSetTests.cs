using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class LabelSetTests
{
    [Fact]
    public void Fingerprint_OfEmptySet_IsTheFnv1aOffsetBasis()
    {
        Assert.Equal(14695981039346656037UL, LabelSet.Empty.Fingerprint);
    }

    [Fact]
    public void Fingerprint_HashesSortedNameValuePairsWithSeparators()
    {
        // FNV-1a 64 over "a" 0xFF "1" 0xFF, as Prometheus's labels.Hash-free fingerprint (model.LabelSet.Fingerprint) does.
        var expected = 14695981039346656037UL;
        foreach (var b in new byte[] { (byte)'a', 0xFF, (byte)'1', 0xFF })
        {
            expected = (expected ^ b) * 1099511628211UL;
        }

        Assert.Equal(expected, LabelSet.Create(new Label("a", "1")).Fingerprint);
    }

    [Fact]
    public void Fingerprint_DoesNotDependOnInputOrder()
    {
        var one = LabelSet.Create(new Label("x", "1"), new Label("y", "2"));
        var two = LabelSet.Create(new Label("y", "2"), new Label("x", "1"));

        Assert.Equal(one.Fingerprint, two.Fingerprint);
        Assert.Equal(one, two);
    }

    [Fact]
    public void With_OverridesAndRemovesLabels()
    {
        var set = LabelSet.Create(new Label("a", "1"), new Label("b", "2"));

        var changed = set.With(new Label("a", "9"), new Label("b", ""), new Label("c", "3"));

        Assert.Equal("{a=\"9\",c=\"3\"}", changed.ToString());
    }
}
