using System.Globalization;
using System.Text.Json;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Demo;

/// <summary>
/// The database has unique indexes on the phone hash and the resident ID hash, so no two generated
/// talents may share a phone or a resident ID number. These tests generate a few hundred thousand
/// talents; they run on their own so that they do not slow down the timed tests running in parallel.
/// </summary>
[Collection(nameof(DemoUniqueContactsTests))]
public class DemoUniqueContactsTests
{
    private static readonly Lazy<ReferenceData> Data = new(ReferenceData.Load);
    private static readonly ContactProtector Protector = new("demo-data-tests-key-0123456789"u8.ToArray());
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));

    private static ReferenceData Reference => Data.Value;

    private static DemoDataGenerator Generator(DemoScale scale, int seed = 42) => new(Reference, Protector, scale, seed, Now);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Counts talents, talents with an ID number and duplicates of either hash.</summary>
    private static (int Talents, int WithId, int DuplicatePhones, int DuplicateIds) Duplicates(IEnumerable<Talent> talents)
    {
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var (count, withId, duplicatePhones, duplicateIds) = (0, 0, 0, 0);
        foreach (var talent in talents)
        {
            count++;
            if (!phones.Add(talent.PhoneHash))
            {
                duplicatePhones++;
            }
            if (talent.IdNumberHash is { } idHash)
            {
                withId++;
                if (!ids.Add(idHash))
                {
                    duplicateIds++;
                }
            }
        }
        return (count, withId, duplicatePhones, duplicateIds);
    }

    [Fact]
    public void Phones_and_resident_ids_are_unique_across_the_lishui_scale()
    {
        var (talents, withId, duplicatePhones, duplicateIds) = Duplicates(Generator(DemoScale.Lishui).Talents());
        Assert.Equal(20_000, talents);
        Assert.InRange(withId, 11_000, 13_000);
        Assert.Equal(0, duplicatePhones);
        Assert.Equal(0, duplicateIds);
    }

    [Fact]
    public void Phones_and_resident_ids_are_unique_across_the_first_300_000_talents_of_the_province()
    {
        var (talents, withId, duplicatePhones, duplicateIds) = Duplicates(Generator(DemoScale.Province, 3).Talents().Take(300_000));
        Assert.Equal(300_000, talents);
        Assert.InRange(withId, 170_000, 190_000);
        Assert.Equal(0, duplicatePhones);
        Assert.Equal(0, duplicateIds);
    }

    [Fact]
    public void Replaced_resident_ids_keep_county_birth_year_and_gender_and_nothing_else_changes()
    {
        // 50,000 talents in one county: about 30,000 ID numbers over 82 (birth year, gender) pairs of
        // 182,500 numbers each, so the drawn numbers collide a few dozen times and some get replaced.
        var scale = new DemoScale("jingning", "331127", 50_000, 1, 1);
        var generator = Generator(scale);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var replaced = 0;
        foreach (var (id, draft, createdAt) in generator.TalentDrafts())
        {
            var (alone, aloneCreatedAt) = generator.TalentDraftFor(id);
            Assert.Equal(aloneCreatedAt, createdAt);
            if (draft.IdNumber is not { } idNumber)
            {
                Assert.Null(alone.IdNumber);
                continue;
            }
            Assert.True(seen.Add(idNumber), idNumber);
            Assert.Null(ResidentId.Check(idNumber));
            Assert.Equal(draft.ResidenceRegionCode[..6], idNumber[..6]);
            Assert.Equal(draft.BirthYear.ToString(CultureInfo.InvariantCulture), idNumber[6..10]);
            Assert.Equal(draft.Gender == Gender.Male, (idNumber[16] - '0') % 2 == 1);
            if (!string.Equals(alone.IdNumber, idNumber, StringComparison.Ordinal))
            {
                replaced++;
                Assert.NotNull(alone.IdNumber);
                Assert.Contains(alone.IdNumber, seen);
                Assert.Equal(Json(alone with { IdNumber = idNumber }), Json(draft));
            }
            else
            {
                Assert.Equal(Json(alone), Json(draft));
            }
        }
        Assert.InRange(replaced, 5, 200);
    }

    [Fact]
    public void The_stream_and_the_single_record_helper_agree_at_the_small_scale_where_no_id_number_is_replaced()
    {
        var generator = Generator(DemoScale.Small);
        foreach (var talent in generator.Talents())
        {
            Assert.Equal(Json(generator.Talent(talent.Id)), Json(talent));
        }
    }

    [Fact]
    public void The_stream_with_replacements_is_the_same_for_the_same_seed()
    {
        var scale = new DemoScale("jingning", "331127", 50_000, 1, 1);
        var a = Generator(scale).TalentDrafts().Select(t => t.Draft.IdNumber);
        var b = Generator(scale).TalentDrafts().Select(t => t.Draft.IdNumber);
        Assert.Equal(a, b);
    }
}

/// <summary>Runs <see cref="DemoUniqueContactsTests"/> after the parallel tests, not alongside them.</summary>
[CollectionDefinition(nameof(DemoUniqueContactsTests), DisableParallelization = true)]
public sealed class DemoUniqueContactsRunAlone;
