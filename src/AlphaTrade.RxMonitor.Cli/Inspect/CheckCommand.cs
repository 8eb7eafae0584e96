using System.CommandLine;
using AlphaTrade.RxMonitor.Cli.Run;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary><c>rxmon check CONFIG</c>: validates a configuration and its rules the way <c>rxmon run</c> reads them.</summary>
/// <remarks>Exit codes: 0 and "OK" when valid; 2 with every problem and its path otherwise.</remarks>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("CONFIG") { Description = "appsettings.json with an RxMonitor section (environment overrides apply as for run)." };
        var command = new Command("check", "Validate a configuration file and its rules; list every problem with its path (exit 2), or print OK (exit 0).")
        {
            config,
        };
        command.SetAction(result =>
        {
            var path = result.GetRequiredValue(config);
            if (!File.Exists(path))
            {
                ConfigurationReport.Write(result.InvocationConfiguration.Error, "rxmon check", [$"{path}: file not found."]);
                return RunCommand.BadConfiguration;
            }

            var settings = MonitorSettings.Load(path, new RunOverrides(), out var problems);
            if (settings is null)
            {
                ConfigurationReport.Write(result.InvocationConfiguration.Error, "rxmon check", problems);
                return RunCommand.BadConfiguration;
            }

            result.InvocationConfiguration.Output.WriteLine(
                $"OK: {path}: {settings.Rules.Count} rules (defaults included), {settings.Alerting.Receivers.Count} receivers, store {settings.Store!.Path}{(settings.Http is { } http ? $", HTTP {http.Address}:{http.Port}" : string.Empty)}.");
            return 0;
        });
        return command;
    }
}
