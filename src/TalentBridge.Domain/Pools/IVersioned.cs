namespace TalentBridge.Domain.Pools;

/// <summary>A record edited under optimistic concurrency: every stored change increments its version.</summary>
public interface IVersioned
{
    long Id { get; }

    int Version { get; }
}
