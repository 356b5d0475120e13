using System.Globalization;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// What one import may hold, enforced while the file is read (the command line and the web share them): a field or a
/// line over its limit rejects that row, a file over the row limit is imported up to it and the rest reported as not
/// read, and a run keeps at most <see cref="MaxIssuesPerRun"/> issue rows (the rest are counted). Set in configuration
/// under <c>Imports</c> (e.g. <c>Imports__MaxFieldChars</c>); see docs/benchmarks.md for what they bound.
/// </summary>
public sealed record ImportLimits
{
    /// <summary>Characters in one field (cell, CSV field or JSON value).</summary>
    public int MaxFieldChars { get; init; } = 32_768;

    /// <summary>Characters in one CSV or JSON line (a quoted CSV field may span lines up to this many characters).</summary>
    public int MaxRowChars { get; init; } = 262_144;

    /// <summary>Rows read from one file; the rows after it are not read.</summary>
    public long MaxRowsPerFile { get; init; } = 2_000_000;

    /// <summary>Characters of all texts of an .xlsx workbook's shared-string table together.</summary>
    public long MaxSharedStringChars { get; init; } = 64_000_000;

    /// <summary>Bytes of one file uploaded through the web (the command line reads any size from disk, row by row); at most <see cref="UploadCeilingBytes"/>.</summary>
    public long MaxUploadBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most the web's request limit lets through at all (a request attribute needs a constant); <see cref="MaxUploadBytes"/> is checked below it.</summary>
    public const long UploadCeilingBytes = 1024L * 1024 * 1024;

    /// <summary>Issue rows (rejected or doubtful) kept per run; those beyond are counted on the run.</summary>
    public int MaxIssuesPerRun { get; init; } = 100_000;

    public static ImportLimits Default { get; } = new();

    /// <summary>The limits in the <c>Imports</c> section, each defaulting to the value above; a value that is not a positive number is refused.</summary>
    public static ImportLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Imports");
        long Read(string name, long fallback)
        {
            if (section[name] is not { } text)
            {
                return fallback;
            }
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"Imports:{name} must be a positive whole number, not '{text}'.");
        }
        var d = Default;
        return new ImportLimits
        {
            MaxFieldChars = (int)Math.Min(Read(nameof(MaxFieldChars), d.MaxFieldChars), int.MaxValue / 4),
            MaxRowChars = (int)Math.Min(Read(nameof(MaxRowChars), d.MaxRowChars), int.MaxValue / 4),
            MaxRowsPerFile = Read(nameof(MaxRowsPerFile), d.MaxRowsPerFile),
            MaxSharedStringChars = Read(nameof(MaxSharedStringChars), d.MaxSharedStringChars),
            MaxUploadBytes = Math.Min(Read(nameof(MaxUploadBytes), d.MaxUploadBytes), UploadCeilingBytes),
            MaxIssuesPerRun = (int)Math.Min(Read(nameof(MaxIssuesPerRun), d.MaxIssuesPerRun), int.MaxValue),
        };
    }
}
