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
            var settings = MonitorSettings.Load(path, new RunOverrides(), out var problems);
            if (settings is null)
            {
                ConfigurationReport.Write(result.InvocationConfiguration.Error, "rxmon check", problems);
                return RunCommand.BadConfiguration;
            }

            var rules = settings.UsesDefaultRules ? "defaults included" : "default rules off";
            var sources = settings.Sources;
            var watched = (sources.Endpoints.Count > 0 ? $", {sources.Endpoints.Count} endpoints" : string.Empty) +
                          (sources.Databases.Count > 0 ? $", {sources.Databases.Count} databases" : string.Empty);
            result.InvocationConfiguration.Output.WriteLine(
                $"OK: {path}: {settings.Rules.Count} rules ({rules}), {settings.Alerting.Receivers.Count} receivers{watched}, store {settings.Store!.Location}{(settings.Http is { } http ? $", HTTP {http.Address}:{http.Port}" : string.Empty)}.");
            if (settings.Rules.Count == 0)
            {
                result.InvocationConfiguration.Error.WriteLine($"rxmon check: warning: no rules, so nothing will alert ({MonitorSettings.Section}:DefaultRules is false and {MonitorSettings.Section}:Rules is empty).");
            }

            return 0;
        });
        return command;
    }
}
