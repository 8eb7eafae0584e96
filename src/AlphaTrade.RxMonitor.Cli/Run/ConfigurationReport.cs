namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Writes configuration problems, one per line with its path, after a one-line summary.</summary>
internal static class ConfigurationReport
{
    public static void Write(TextWriter writer, string command, IReadOnlyList<string> problems)
    {
        writer.WriteLine($"{command}: invalid configuration ({(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}):");
        foreach (var problem in problems)
        {
            writer.WriteLine($"  {problem}");
        }
    }
}
