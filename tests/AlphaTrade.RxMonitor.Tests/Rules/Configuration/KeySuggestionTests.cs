using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Rules.Configuration;

public sealed class KeySuggestionTests
{
    [Theory]
    [InlineData("Rulez", "Rules")]
    [InlineData("RxMonitr", "RxMonitor")]
    [InlineData("tresholds", "thresholds")]
    [InlineData("Ptah", "Path")]
    public void Closest_OneOrTwoEditsAway_SuggestsTheKnownKey(string typed, string expected)
    {
        Assert.Equal(expected, KeySuggestion.Closest(typed, ["Path", "Rules", "RxMonitor", "thresholds"]));
    }

    [Fact]
    public void Closest_FarFromEveryKey_IsNull()
    {
        Assert.Null(KeySuggestion.Closest("Colour", ["Path", "Port"]));
    }

    [Fact]
    public void UnknownKey_LowerCaseKey_SuggestsInTheUsersCase()
    {
        Assert.Equal("unknown key rules[0].abve (did you mean rules[0].above?)", KeySuggestion.UnknownKey("rules[0]", "abve", ["Above", "Below"], "."));
    }

    [Fact]
    public void UnknownKey_NoCloseKey_ListsTheKnownKeys()
    {
        Assert.Equal("unknown key RxMonitor:Http:Host (known keys: Address, Port)", KeySuggestion.UnknownKey("RxMonitor:Http", "Host", ["Address", "Port"], ":"));
    }
}
