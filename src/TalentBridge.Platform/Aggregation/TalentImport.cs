using System.Data.Common;
using System.Globalization;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>A talent record as stored: contacts masked for display and as keyed hashes, never raw.</summary>
public sealed record ImportedTalent(SourceTalent Talent, string? PhoneMasked, string? IdNumberMasked);

/// <summary>
/// Imports résumés from an outside platform's export (全量归集) and clusters them into one cluster per real person.
/// Phone and ID numbers are checked (mainland mobile rule, GB 11643 check character) and reduced at the border to a
/// masked value and a keyed hash; invalid ones are reported as doubtful and dropped. Nothing raw is stored, not even
/// in the content hash or the issue reasons. The birth year comes from the field or from a valid ID number, the place
/// becomes a region code and the wished-for title an occupation code. An equal phone or ID hash is decisive for
/// clustering (<see cref="TalentDeduplicator"/>).
/// </summary>
public sealed class TalentImport(Database db, ContactProtector protector, ITitleClassifier titles, PlaceNormaliser places, TimeProvider time,
    ImportLimits? limits = null)
    : ClusteredImport<ImportedTalent>(db, time, limits)
{
    /// <summary>Positions of phone and ID number among the row's values (<see cref="SourceReader.Fields"/> order).</summary>
    private static readonly int[] SecretFields =
        [Array.IndexOf(ImportProfile.Fields[ImportKind.Talents], "phone"), Array.IndexOf(ImportProfile.Fields[ImportKind.Talents], "idNumber")];

    public override ImportKind Kind => ImportKind.Talents;

    protected override string RecordTable => "source_talents";

    protected override string ClusterTable => "talent_clusters";

    protected override string InsertRecord =>
        "INSERT INTO source_talents (source, source_id, content_hash, cluster_id, similarity, match_reason, name, phone_masked, phone_hash, " +
        "id_number_masked, id_number_hash, birth_year, region_code, occupation_code, text, run_id, imported_at, updated_at) VALUES (@Source, " +
        "@SourceId, @ContentHash, @ClusterId, @Similarity, @MatchReason, @Name, @PhoneMasked, @PhoneHash, @IdNumberMasked, @IdNumberHash, " +
        "@BirthYear, @RegionCode, @OccupationCode, @Text, @RunId, @Now, @Now)";

    protected override string InsertCluster =>
        "INSERT INTO talent_clusters (id, name, birth_year, region_code, occupation_code, source_count, first_seen, last_seen) VALUES (@Id, @Name, " +
        "@BirthYear, @RegionCode, @OccupationCode, @SourceCount, @Now, @Now)";

    protected override string UpdateRecord =>
        "UPDATE source_talents SET content_hash = @ContentHash, name = @Name, phone_masked = @PhoneMasked, phone_hash = @PhoneHash, " +
        "id_number_masked = @IdNumberMasked, id_number_hash = @IdNumberHash, birth_year = @BirthYear, region_code = @RegionCode, " +
        "occupation_code = @OccupationCode, text = @Text, updated_at = @Now WHERE id = @Id";

    protected override string SelectRecords =>
        "SELECT source, source_id, name, phone_hash, id_number_hash, birth_year, region_code, occupation_code, text, cluster_id, id FROM source_talents ORDER BY id";

    protected override string? RegionOf(ImportedTalent record) => record.Talent.RegionCode;

    protected override Func<ImportedTalent, DedupDecision> NewClusterer()
    {
        var deduplicator = new TalentDeduplicator();
        return t => deduplicator.Add(t.Talent);
    }

    protected override ImportedTalent ReadRecord(DbDataReader r) => new(new SourceTalent(r.GetString(0), r.GetString(1), r.GetString(2),
        r.NullableString(3), r.NullableString(4), r.NullableInt(5), r.NullableRegion(6), r.NullableString(7), r.NullableString(8)), null, null);

    protected override (ImportedTalent? Record, IReadOnlyList<ImportIssue> Issues, string?[] HashedValues) Normalise(string source, SourceRow row,
        Func<SourceRow, string, string?> value)
    {
        var issues = new List<ImportIssue>();
        var sourceId = value(row, "sourceId")?.Trim() ?? "";
        var name = value(row, "name")?.Trim() ?? "";
        var phone = value(row, "phone");
        var idNumber = value(row, "idNumber");
        // The content hash sees contacts only through the keyed hash.
        var hashed = (string?[])row.Values.Clone();
        foreach (var i in SecretFields)
        {
            if (hashed[i] is { } secret)
            {
                hashed[i] = protector.Hash(secret);
            }
        }
        if (sourceId.Length == 0)
        {
            issues.Add(new ImportIssue("sourceId", "SourceIdRequired", true));
        }
        if (name.Length == 0)
        {
            issues.Add(new ImportIssue("name", "Required", true));
        }
        if (issues.Count > 0)
        {
            return (null, issues, hashed);
        }

        string? phoneMasked = null, phoneHash = null;
        if (phone is not null)
        {
            if (ContactProtector.IsMobilePhone(phone))
            {
                (phoneMasked, phoneHash) = (ContactProtector.MaskPhone(phone), protector.Hash(phone));
            }
            else
            {
                // The reason never repeats the number: issues are stored too.
                issues.Add(new ImportIssue("phone", "PhoneInvalid", false));
            }
        }

        string? idMasked = null, idHash = null;
        int? idBirthYear = null;
        if (idNumber is not null)
        {
            var id = ContactProtector.Normalize(idNumber);
            if (ResidentId.Check(id) is not null)
            {
                issues.Add(new ImportIssue("idNumber", "IdNumberInvalid", false));
            }
            else
            {
                (idMasked, idHash) = (ContactProtector.MaskResidentId(id), protector.Hash(id));
                idBirthYear = int.Parse(id.AsSpan(6, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        var birthYear = idBirthYear;
        if (value(row, "birthYear") is { } yearText)
        {
            var year = BirthYear(yearText);
            if (year is null)
            {
                // A long value may be a misplaced ID number: it is not repeated.
                issues.Add(yearText.Length <= 10 ? new ImportIssue("birthYear", "BirthYearInvalid", false, yearText) : new ImportIssue("birthYear", "BirthYearInvalidLong", false));
            }
            else if (idBirthYear is { } fromId && fromId != year)
            {
                issues.Add(new ImportIssue("birthYear", "BirthYearContradicts", false, year.Value.ToString(CultureInfo.InvariantCulture)));
            }
            birthYear ??= year;
        }

        var region = PostingNormaliser.Region(places, value(row, "place"), issues);

        string? occupation = null;
        if (value(row, "title") is { } title)
        {
            var classified = titles.Classify(title);
            occupation = classified.Value?.Code;
            PostingNormaliser.ReportOccupation(classified, title, issues);
        }

        var talent = new SourceTalent(source, sourceId, name, phoneHash, idHash, birthYear, region, occupation, value(row, "text")?.Trim());
        return (new ImportedTalent(talent, phoneMasked, idMasked), issues, hashed);
    }

    /// <summary>"1990", "1990年", "1990-05", "1990/5/1": the first four digits, if a plausible year.</summary>
    private static int? BirthYear(string text)
    {
        var t = text.Trim();
        return t.Length >= 4 && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && (t.Length == 4 || !char.IsAsciiDigit(t[4])) && year is >= 1900 and <= 2100 ? year : null;
    }

    protected override object RecordParameters(ImportedTalent record, string hash, long clusterId, DedupDecision decision, long runId, DateTimeOffset now)
    {
        var t = record.Talent;
        return new
        {
            t.Source,
            t.SourceId,
            ContentHash = hash,
            ClusterId = clusterId,
            decision.Similarity,
            MatchReason = decision.Reason,
            t.Name,
            record.PhoneMasked,
            t.PhoneHash,
            record.IdNumberMasked,
            t.IdNumberHash,
            t.BirthYear,
            RegionCode = Row.StoredRegion(t.RegionCode),
            t.OccupationCode,
            t.Text,
            RunId = runId,
            Now = now,
        };
    }

    protected override object ClusterParameters(long id, ImportedTalent first, int count, DateTimeOffset now) => new
    {
        Id = id,
        first.Talent.Name,
        first.Talent.BirthYear,
        RegionCode = Row.StoredRegion(first.Talent.RegionCode),
        first.Talent.OccupationCode,
        SourceCount = count,
        Now = now,
    };

    protected override object UpdateParameters(long id, ImportedTalent record, string hash, DateTimeOffset now)
    {
        var t = record.Talent;
        return new
        {
            ContentHash = hash,
            t.Name,
            record.PhoneMasked,
            t.PhoneHash,
            record.IdNumberMasked,
            t.IdNumberHash,
            t.BirthYear,
            RegionCode = Row.StoredRegion(t.RegionCode),
            t.OccupationCode,
            t.Text,
            Now = now,
            Id = id,
        };
    }
}
