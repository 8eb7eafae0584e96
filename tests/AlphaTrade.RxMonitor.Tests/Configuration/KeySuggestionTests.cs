using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Configuration;

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
        Assert.Equal("unknown key rules[0].abve (did you mean rules[0].above?)", KeySuggestion.UnknownKey(KeyPath.File.Entry("rules").Index(0), "abve", ["Above", "Below"]));
    }

    [Fact]
    public void UnknownKey_NoCloseKey_ListsTheKnownKeys()
    {
        Assert.Equal("unknown key RxMonitor:Http:Host (known keys: Address, Port)", KeySuggestion.UnknownKey(KeyPath.Section("RxMonitor:Http"), "Host", ["Address", "Port"]));
    }

    [Fact]
    public void UnknownKey_WithControlCharacters_IsSpeltOnOneLineWithEscapes()
    {
        Assert.Equal("unknown key RxMonitor:S\\n\\te\\u0001 (known keys: Path)", KeySuggestion.UnknownKey(KeyPath.Section("RxMonitor"), "S\n\te\u0001", ["Path"]));
    }
}
