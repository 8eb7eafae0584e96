namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Draws whole frames of the live view on the terminal in place, without flicker.</summary>
/// <remarks>
/// Each frame moves the cursor home, clears each line's rest and everything below the frame, so lines of an older,
/// longer frame do not linger. The size is read for every frame, so resizing the terminal re-fits the view;
/// 80×24 when it cannot be read.
/// </remarks>
internal static class TerminalScreen
{
    private const string Escape = "\u001b[";

    public static (int Width, int Height) Size()
    {
        try
        {
            var (width, height) = (Console.WindowWidth, Console.WindowHeight);
            return width > 0 && height > 0 ? (width, height) : (80, 24);
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    public static void Draw(TextWriter terminal, string frame, bool first)
    {
        var text = (first ? Escape + "2J" : string.Empty) + Escape + "H" + frame.Replace("\n", Escape + "K\n", StringComparison.Ordinal) + Escape + "J";
        terminal.Write(text);
        terminal.Flush();
    }
}
