using System.Collections.Concurrent;
using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Platform.Aggregation;

/// <summary>An import running in the background for the operator page, and how far it has got.</summary>
public sealed class ImportJob
{
    public required Guid Id { get; init; }
    public required string Source { get; init; }
    public required string FileName { get; init; }
    public required long FileBytes { get; init; }
    public long RunId { get; internal set; }
    public long BytesRead => _stream?.Position ?? 0;
    public ImportProgress? Progress { get; internal set; }
    public ImportReport? Report { get; internal set; }
    public string? Error { get; internal set; }
    public bool Finished => Report is not null || Error is not null;
    public double Fraction => FileBytes == 0 ? 1 : Finished ? 1 : Math.Min(1, (double)BytesRead / FileBytes);

    private Stream? _stream;

    internal void Track(Stream stream) => _stream = stream;
}

/// <summary>
/// Runs uploaded imports one after another in the background (the importer allows one at a time) and
/// keeps their progress for the page; the uploaded file is deleted when its import ends.
/// </summary>
public sealed class ImportJobs(IServiceProvider services, ILogger<ImportJobs> logger, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>The importer of a profile's kind.</summary>
    public IRecordImport Importer(ImportKind kind) => kind switch
    {
        ImportKind.Talents => services.GetRequiredService<TalentImport>(),
        ImportKind.Enterprises => services.GetRequiredService<EnterpriseImport>(),
        _ => services.GetRequiredService<PostingImport>(),
    };

    public ImportJob Start(string path, string fileName, string source, ImportProfile profile, long? accountId)
    {
        var job = new ImportJob { Id = Guid.NewGuid(), Source = source, FileName = fileName, FileBytes = new FileInfo(path).Length };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var stream = File.OpenRead(path);
                job.Track(stream);
                var importer = Importer(profile.Kind);
                var progress = new Progress<ImportProgress>(p =>
                {
                    job.RunId = p.RunId;
                    job.Progress = p;
                });
                job.Report = await importer.ImportAsync(stream, fileName, source, profile, accountId, progress, lifetime.ApplicationStopping);
                job.RunId = job.Report.RunId;
            }
            catch (Exception e) when (e is ImportFileException or OperationCanceledException)
            {
                job.Error = e.Message;
            }
#pragma warning disable CA1031 // A background job must record any failure for the page instead of dying unseen.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Import {Job} of {File} failed", job.Id, fileName);
                job.Error = "The import failed unexpectedly; the server log has the details.";
            }
            finally
            {
                File.Delete(path);
            }
        });
        return job;
    }
}
