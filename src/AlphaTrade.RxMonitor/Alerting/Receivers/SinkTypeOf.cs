using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>A sink type whose options are <typeparamref name="TOptions"/>.</summary>
internal sealed class SinkTypeOf<TOptions>(Func<TOptions, AlertSinkContext, IAlertSink> factory) : SinkType
    where TOptions : class, new()
{
    public override void Bind(SinkOptions sink, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (sink.Settings is not null and not TOptions)
        {
            problems.Add(path.Of(sink).Key(nameof(SinkOptions.Settings)), $"the options of a '{sink.Type}' sink are a {typeof(TOptions).Name}, not a {sink.Settings.GetType().Name}.");
            return;
        }

        var options = sink.Settings as TOptions ?? new TOptions();
        if (sink.Section is { } section)
        {
            OptionsReader.Read(section, options, path, problems, SinkOptions.CommonKeys);
        }

        (options as IValidatableOptions)?.Validate(path, problems);
        sink.Settings = options;
    }

    public override IAlertSink Create(SinkOptions sink, AlertSinkContext context) =>
        factory(sink.Settings as TOptions ?? new TOptions(), context);
}
