using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using static AlphaTrade.RxMonitor.Sqlite.Tests.Support.TestAlerts;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.History;

/// <summary>A silence whose write the store refused never reaches the store later, not even once space returns.</summary>
public sealed class RefusedSilenceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task RefuseSilence_WriteFailedOnAFullFileThenSpaceReturns_NeitherTheSilenceNorItsExpiryIsStored()
    {
        SqliteConnection? writer = null;
        var options = StoreFactory.Options(_directory.File("full.db"));
        options.ConfigureWriteConnection = connection =>
        {
            writer = connection;
            StoreSql.Scalar(connection, "PRAGMA max_page_count = " + StoreSql.Scalar(connection, "PRAGMA page_count"));
        };
        await using var store = SqliteStore.Open(options);
        var refused = Silence("refused", T0, T0.AddHours(1), T0, new string('x', 20_000));
        store.AlertHistory.RecordSilence(refused);
        await store.FlushAsync();
        Assert.False(store.TakeCommittedSilence("refused"));

        store.RefuseSilence("refused");
        StoreSql.Scalar(writer!, "PRAGMA max_page_count = 1000000");
        store.AlertHistory.RecordSilence(refused with { EndsAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1) });
        store.AlertHistory.RecordSilence(Silence("later", T0, T0.AddHours(1), T0.AddMinutes(1)));
        await store.FlushAsync();

        Assert.Equal(["later"], (await store.AlertHistory.QuerySilencesAsync()).Select(static s => s.Id));
    }

    [Fact]
    public async Task RefuseSilence_ItsWriteHadReachedTheFile_TheNextBatchDeletesIt()
    {
        await using var store = StoreFactory.Open(_directory.File("rxmon.db"));
        store.AlertHistory.RecordSilence(Silence("landed", T0, T0.AddHours(1), T0));
        await store.FlushAsync();

        store.RefuseSilence("landed");
        await store.FlushAsync();

        Assert.Empty(await store.AlertHistory.QuerySilencesAsync());
    }

    [Fact]
    public async Task RefuseSilence_OtherSilences_AreStoredAsBefore()
    {
        await using var store = StoreFactory.Open(_directory.File("rxmon.db"));
        store.RefuseSilence("refused");
        store.AlertHistory.RecordSilence(Silence("kept", T0, T0.AddHours(1), T0));
        await store.FlushAsync();

        Assert.True(store.TakeCommittedSilence("kept"));
        Assert.Equal(["kept"], (await store.AlertHistory.QuerySilencesAsync()).Select(static s => s.Id));
    }

    public void Dispose() => _directory.Dispose();
}
