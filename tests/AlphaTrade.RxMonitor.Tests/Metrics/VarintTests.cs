using AlphaTrade.RxMonitor.Metrics;
namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(300UL, 2)]
    [InlineData(ulong.MaxValue, Varint.MaxLength)]
    public void WriteThenTryRead_RoundTripsInTheExpectedLength(ulong value, int length)
    {
        var buffer = new byte[Varint.MaxLength];

        var written = Varint.Write(buffer, value);
        var at = 0;
        var read = Varint.TryRead(buffer, ref at, out var back);

        Assert.Equal((length, true, value, length), (written, read, back, at));
    }

    [Fact]
    public void TryRead_SourceEndsInsideAValue_IsFalse()
    {
        var at = 0;

        Assert.False(Varint.TryRead([0x80, 0x80], ref at, out _));
    }

    [Fact]
    public void TryRead_ValueLongerThan64Bits_IsFalse()
    {
        var at = 0;
        var tooLong = Enumerable.Repeat((byte)0xFF, 11).ToArray();

        Assert.False(Varint.TryRead(tooLong, ref at, out _));
    }
}
