using System.Reflection;
using AlphaTrade.RxMonitor.Metrics;
using NetArchTest.Rules;

namespace AlphaTrade.RxMonitor.Tests.Architecture;

/// <summary>
/// The core's namespaces depend only in the direction of the flow (docs/architecture.md §1): model → sources → ingest →
/// operators → detectors → rules → alerting → sinks. Health, analytics and exposition read the flow from the left, and
/// nothing in the flow (nor another reader) depends on them; the seed facade may read everything.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string Root = "AlphaTrade.RxMonitor";
    private static readonly Assembly Core = typeof(SeriesKey).Assembly;

    // Left to right. The model stage also holds what every stage uses: time, configuration and failure reporting.
    private static readonly Stage[] Flow =
    [
        new("model", "Metrics", "Time", "Configuration", "Diagnostics"),
        new("sources", "Sources"),
        new("ingest", "Ingest"),
        new("operators", "Operators"),
        new("detectors", "Detectors"),
        new("rules", "Rules"),
        new("alerting", "Alerting"),
        new("sinks", "Sinks"),
    ];

    private static readonly Stage[] Readers =
    [
        new("health", "Health"),
        new("analytics", "Analytics"),
        new("exposition", "Exposition"),
    ];

    // The seed facade: the root namespace (RxMonitorConfig) and a Facade namespace once it has one.
    private static readonly Stage Facade = new("facade", "Facade");

    // Known violations (type, stage it must not use); remove an entry with its fix. A stale entry fails
    // AllowList_NamesOnlyRealViolations. Nested types match their declaring type.
    private static readonly (string Type, string Target)[] AllowList =
    [
        // Alerting/: the sink registry starts with the built-in types (console, webhook, Alertmanager push), which are sinks;
        // the port (IAlertSink, the sink channels, the receivers' options) lives on the alerting side.
        ("AlphaTrade.RxMonitor.Alerting.Receivers.AlertSinkRegistry", "sinks"),
    ];

    // Every dependency against the flow, found once for all the tests (each check reads the assembly).
    private static readonly Lazy<IReadOnlyList<Violation>> AllViolations = new(static () => [.. Violations()]);

    public static TheoryData<string> StageNames => [.. Flow.Concat(Readers).Select(static s => s.Name)];

    [Theory]
    [MemberData(nameof(StageNames))]
    public void Stage_DependsOnlyInTheDirectionOfTheFlow(string stage)
    {
        var violations = AllViolations.Value
            .Where(v => v.From == stage && !IsAllowed(v))
            .Select(static v => $"{v.From} → {v.To}: {v.Type}")
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void AllowList_NamesOnlyRealViolations()
    {
        var violations = AllViolations.Value;

        var stale = AllowList.Where(entry => !violations.Any(v => Excuses(entry, v)));

        Assert.Empty(stale);
    }

    [Fact]
    public void EveryNamespace_BelongsToAStage()
    {
        var known = Flow.Concat(Readers).Append(Facade).SelectMany(static s => s.Namespaces).ToHashSet(StringComparer.Ordinal);
        var unplaced = Core.GetTypes()
            .Select(static t => t.Namespace)
            .OfType<string>()
            .Where(static ns => ns.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(static ns => ns[(Root.Length + 1)..].Split('.')[0])
            .Where(top => !known.Contains(top))
            .Distinct();

        Assert.Empty(unplaced);
    }

    [Fact]
    public void DependencySearch_SeesRulesUsingDetectors()
    {
        // The check itself must see dependencies: rules use the detectors, so a search from rules must find them.
        var found = Types.InAssembly(Core).That().ResideInNamespaceMatching(Pattern("Rules"))
            .Should().HaveDependencyOnAny($"{Root}.Detectors")
            .GetTypes();

        Assert.NotEmpty(found);
    }

    private static bool IsAllowed(Violation violation) => AllowList.Any(entry => Excuses(entry, violation));

    private static bool Excuses((string Type, string Target) entry, Violation violation) =>
        entry.Target == violation.To
        && (violation.Type == entry.Type || (violation.Type.StartsWith(entry.Type, StringComparison.Ordinal) && violation.Type[entry.Type.Length] is '/' or '+' or '`'));

    private static IEnumerable<Violation> Violations()
    {
        var facadeTypes = Core.GetTypes()
            .Where(static t => t.Namespace == Root || (t.Namespace?.StartsWith($"{Root}.{Facade.Namespaces[0]}", StringComparison.Ordinal) ?? false))
            .Select(static t => t.FullName!)
            .ToArray();
        for (var i = 0; i < Flow.Length; i++)
        {
            var forbidden = Flow.Skip(i + 1).Concat(Readers);
            foreach (var violation in Check(Flow[i], forbidden, facadeTypes))
            {
                yield return violation;
            }
        }

        foreach (var reader in Readers)
        {
            foreach (var violation in Check(reader, Readers.Where(r => r != reader), facadeTypes))
            {
                yield return violation;
            }
        }
    }

    private static IEnumerable<Violation> Check(Stage from, IEnumerable<Stage> forbidden, string[] facadeTypes)
    {
        var targets = forbidden.Select(static s => (s.Name, Dependencies: s.Namespaces.Select(static n => $"{Root}.{n}").ToArray()))
            .Append((Facade.Name, facadeTypes));
        foreach (var (name, dependencies) in targets)
        {
            if (dependencies.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Core)
                .That().ResideInNamespaceMatching(Pattern(from.Namespaces))
                .ShouldNot().HaveDependencyOnAny(dependencies)
                .GetResult();
            foreach (var type in result.FailingTypes ?? [])
            {
                yield return new Violation(from.Name, name, type.FullName);
            }
        }
    }

    private static string Pattern(params string[] namespaces) =>
        $@"^{Root.Replace(".", @"\.", StringComparison.Ordinal)}\.({string.Join('|', namespaces)})(\..*)?$";

    private sealed record Stage(string Name, params string[] Namespaces);

    private sealed record Violation(string From, string To, string Type);
}
