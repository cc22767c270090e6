namespace TangerangLive.Tests.Open311;

/// <summary>The Open311 test classes share one silo and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class Open311Collection : ICollectionFixture<Open311SiloFixture>
{
    public const string Name = "open311";
}
