using System.Text.Json;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// Imports uploaded through the web: the file is stored in the database with a queued run and an import job, in one
/// transaction, and whichever node claims the job runs it; every node's progress page reads the run's row.
/// </summary>
public sealed class ImportUploads(Database db, TimeProvider time, ImportLimits? limits = null)
{
    public const string JobKind = "import";

    /// <summary>The limits of imports; <see cref="ImportLimits.MaxUploadBytes"/> is the largest file the web accepts.</summary>
    public ImportLimits Limits { get; } = limits ?? ImportLimits.Default;

    /// <summary>Stores the upload and queues its run; returns the run's id. A file over the upload limit is refused (read no further than the limit).</summary>
    public async Task<long> EnqueueAsync(Stream upload, string fileName, string source, ImportProfile profile, string profileJson, long? accountId,
        CancellationToken ct)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await upload.ReadAsync(buffer, ct)) > 0)
        {
            if (content.Length + read > Limits.MaxUploadBytes)
            {
                throw new ImportFileException("TooLarge", (Limits.MaxUploadBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            content.Write(buffer, 0, read);
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var runId = await ImportRuns.CreateAsync(c, tx, ImportRuns.Queued, profile.Kind, source, fileName, accountId, profileJson, content.Length, now);
            await c.ExecuteAsync("INSERT INTO import_uploads (run_id, content) VALUES (@runId, @content)", new { runId, content = content.ToArray() }, tx);
            await JobTable.EnqueueAsync(c, tx, JobKind, new ImportJob(runId), now, now);
            return runId;
        }, ct);
    }

    internal sealed record ImportJob(long RunId);

    /// <summary>The queued run of a job, its upload and profile; null if the run is no longer queued.</summary>
    internal async Task<(string Source, string FileName, long? AccountId, ImportProfile Profile, byte[] Content)?> LoadAsync(long runId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT r.source, r.file_name, r.account_id, r.profile, u.content FROM import_runs r JOIN import_uploads u ON u.run_id = r.id " +
            "WHERE r.id = @runId AND r.status = 'queued'", new { runId }, cancellationToken: ct));
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var profile = ImportProfile.Parse(reader.GetString(3)).Profile
            ?? throw new ImportFileException("ProfileUnreadable");
        return (reader.GetString(0), reader.GetString(1), reader.NullableLong(2), profile, (byte[])reader.GetValue(4));
    }

    /// <summary>A run that will not run (or run on): failed with the reason (a code and its arguments), its upload removed.</summary>
    internal async Task GiveUpAsync(long runId, string code, IReadOnlyList<string> args, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "UPDATE import_runs SET status = 'failed', finished_at = @now, error = @code, error_args = @args WHERE id = @runId AND status IN ('queued', 'running')",
                new { runId, code, args = ImportText.StoredArgs(args), now = Database.Utc(time.GetUtcNow()) }, tx);
            return await c.ExecuteAsync("DELETE FROM import_uploads WHERE run_id = @runId", new { runId }, tx);
        }, ct);

    internal static long RunIdOf(Job job) =>
        JsonSerializer.Deserialize<ImportJob>(job.Payload, Row.Json)?.RunId ?? throw new InvalidDataException($"Job {job.Id} names no import run.");
}

/// <summary>Runs queued imports on whichever node claims their job.</summary>
public sealed class ImportJobHandler(ImportUploads uploads, ImportRuns runs, IServiceProvider services) : IJobHandler
{
    public string Kind => ImportUploads.JobKind;

    public async Task RunAsync(Job job, CancellationToken ct)
    {
        var runId = ImportUploads.RunIdOf(job);
        try
        {
            if (await uploads.LoadAsync(runId, ct) is not { } run)
            {
                return; // it ran already, or was given up: nothing to do
            }
            if (await runs.EarlierPendingAsync(runId, ct))
            {
                throw new JobPostponedException(TimeSpan.FromSeconds(2), "An earlier import has not finished.");
            }
            IRecordImport importer = run.Profile.Kind switch
            {
                ImportKind.Talents => services.GetRequiredService<TalentImport>(),
                ImportKind.Enterprises => services.GetRequiredService<EnterpriseImport>(),
                _ => services.GetRequiredService<PostingImport>(),
            };
            using var file = new MemoryStream(run.Content, writable: false);
            await importer.ImportAsync(file, run.FileName, run.Source, run.Profile, run.AccountId, runId, null, ct);
        }
        catch (ImportFileException e)
        {
            // The importer recorded a failure of a started run itself; one that never started is failed here.
            await uploads.GiveUpAsync(runId, e.Code, e.Args, CancellationToken.None);
        }
        catch (Exception e) when (e is not (JobPostponedException or OperationCanceledException))
        {
            // Whatever else went wrong, the run must not stay queued with its upload: fail it, then fail the job.
            await uploads.GiveUpAsync(runId, "UnexpectedUpload", [], CancellationToken.None);
            throw;
        }
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => uploads.GiveUpAsync(ImportUploads.RunIdOf(job), "Abandoned", [reason], ct);

    public async Task SweepAsync(CancellationToken ct) => await runs.FailStaleAsync(ct);
}
