using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Tests.Infrastructure;
using Orleans.Storage;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

/// <summary>The one-process storage (tests, benchmarks, <c>Storage:Provider=memory</c>): the contract of every grain storage.</summary>
[Collection(SharedCluster.Name)]
public sealed class InProcessGrainStorageTests(ClusterFixture fixture) : GrainStorageContract(fixture)
{
    protected override IGrainStorage NewStorage() => new InProcessGrainStorage(Serializer());
}
