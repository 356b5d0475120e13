using TalentBridge.Domain.Analytics;

namespace TalentBridge.Domain.Tests.Analytics;

public sealed class ForecastingTests
{
    private static readonly double[] Pattern = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7]; // mean 1

    private static ForecastOptions H(int horizon) => new(Horizon: horizon);

    [Fact]
    public void Smape_follows_M4_and_counts_a_zero_forecast_of_zero_as_exact()
    {
        // 200/3 × (20/180 + 0 + 25/125) = 200/3 × (1/9 + 1/5) = 200/3 × 14/45 = 2800/135.
        Assert.Equal(2800.0 / 135, Forecasting.Smape([100, 0, 50], [80, 0, 75]), 1e-9);
        Assert.Equal(0, Forecasting.Smape([0, 0], [0, 0]));
        // A forecast of 0 against any positive value is the worst case, 200.
        Assert.Equal(200, Forecasting.Smape([7], [0]));
    }

    [Fact]
    public void Mase_is_scaled_by_the_in_sample_seasonal_naive_error_or_the_naive_one_for_a_short_training()
    {
        // m = 12 but only 4 training points: lag 1, |12 − 10| + |11 − 12| + |15 − 11| = 7 over 3 → 7/3.
        // Errors |14 − 15|, |16 − 15| → mean 1 → MASE = 3/7.
        Assert.Equal(3.0 / 7, Forecasting.Mase([10, 12, 11, 15], [14, 16], [15, 15], 12)!.Value, 1e-12);
        // m = 2 with 5 points: lag 2, |2 − 1| + |5 − 3| + |4 − 2| = 5 over 3; error 1 → 1 / (5/3) = 0.6.
        Assert.Equal(0.6, Forecasting.Mase([1, 3, 2, 5, 4], [6], [5], 2)!.Value, 1e-12);
        // A flat training has no scale: undefined.
        Assert.Null(Forecasting.Mase([5, 5, 5], [5], [6], 12));
    }

    [Fact]
    public void Naive_and_seasonal_naive_repeat_the_last_value_and_the_last_season()
    {
        var y = Enumerable.Range(1, 14).Select(i => (double)i).ToArray();
        Assert.Equal([14, 14, 14], Forecasting.Predict(ForecastMethod.Naive, y, 3, 12));
        // n = 14, m = 12: months 15, 16, 17 repeat months 3, 4, 5.
        Assert.Equal([3, 4, 5], Forecasting.Predict(ForecastMethod.SeasonalNaive, y, 3, 12));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3, 4], Forecasting.Predict(ForecastMethod.SeasonalNaive, y, 14, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => Forecasting.Predict(ForecastMethod.SeasonalNaive, y.AsSpan(0, 11), 3, 12));
    }

    [Fact]
    public void Theta_on_a_straight_line_continues_it_at_half_the_slope_from_the_last_value()
    {
        // y = 10 + 2t, t = 1..12: the least-squares line is exact (a = 10, b = 2), the theta line 2y − line = y, SES on
        // it takes α → 1 and ends at y12 = 34. Forecast: ½ (10 + 2 (12 + i)) + ½ × 34 = 34 + i → 35, 36, 37.
        var y = Enumerable.Range(1, 12).Select(t => 10 + 2.0 * t).ToArray();
        var forecast = Forecasting.Predict(ForecastMethod.Theta, y, 3, 12);
        Assert.Equal([35, 36, 37], forecast.Select(f => Math.Round(f, 3)));
        // Naive2 without seasonality is naive.
        Assert.Equal([34, 34, 34], Forecasting.Predict(ForecastMethod.Naive2, y, 3, 12));
    }

    [Fact]
    public void Ses_follows_a_level_shift_and_a_negative_forecast_is_clamped_to_zero()
    {
        Assert.Equal([10, 10], Forecasting.Predict(ForecastMethod.Ses, [0, 0, 0, 10, 10, 10, 10], 2, 12).Select(f => Math.Round(f, 3)));
        // Falling line 60 − 10t over t = 1..5; Theta gives ½ (60 − 10 (5 + i)) + ½ × 10 = 10 − 5i → 5, 0, −5 → 5, 0, 0.
        Assert.Equal([5, 0, 0], Forecasting.Predict(ForecastMethod.Theta, [50, 40, 30, 20, 10], 3, 12).Select(f => Math.Round(f, 3)));
    }

    [Fact]
    public void Classical_decomposition_recovers_the_seasonal_indices_of_a_seasonal_series()
    {
        // Four years of 100 × pattern: the centred 2×12 moving average is 100 everywhere, each ratio is the pattern.
        // (Three years of this smooth pattern fall just short of M4's test: r12 = 24/36 against a limit of about 0.67.)
        var y = Enumerable.Range(0, 48).Select(t => 100 * Pattern[t % 12]).ToArray();
        Assert.True(Forecasting.IsSeasonal(y, 12));
        var indices = Forecasting.SeasonalIndices(y, 12);
        Assert.NotNull(indices);
        Assert.Equal(Pattern, indices.Select(s => Math.Round(s, 12)));
        // Naive2: the last deseasonalised value (100) times the next months' indices.
        Assert.Equal([80, 90, 100], Forecasting.Predict(ForecastMethod.Naive2, y, 3, 12).Select(f => Math.Round(f, 9)));
        // Fewer than three seasons are too few to test: not seasonal.
        Assert.Null(Forecasting.SeasonalIndices(y[..35], 12));
        Assert.False(Forecasting.IsSeasonal([.. Enumerable.Repeat(5.0, 36)], 12));
    }

    [Fact]
    public void A_month_that_never_has_demand_turns_seasonal_adjustment_off()
    {
        var y = Enumerable.Range(0, 48).Select(t => t % 12 == 1 ? 0 : 100 * Pattern[t % 12]).ToArray();
        Assert.True(Forecasting.IsSeasonal(y, 12));
        Assert.Null(Forecasting.SeasonalIndices(y, 12));
        Assert.Equal([y[^1], y[^1]], Forecasting.Predict(ForecastMethod.Naive2, y, 2, 12));
    }

    [Fact]
    public void The_backtest_scores_each_method_from_rolling_origins()
    {
        // n = 7 = 2h + 1 with h = 3: one origin, training y[0..4] = 10, 12, 10, 12, checked against 20, 10, 0.
        // Naive forecasts 12: sMAPE = 200/3 (8/32 + 2/22 + 12/12) = 200/3 × (1/4 + 1/11 + 1);
        // MASE: errors 8, 2, 12 → 22/3 over the naive in-sample error 2 → 11/3.
        var result = Forecasting.Forecast([10, 12, 10, 12, 20, 10, 0], H(3));
        var naive = result.Backtest.Single(a => a.Method == ForecastMethod.Naive);
        Assert.Equal(200.0 / 3 * (0.25 + 1.0 / 11 + 1), naive.Smape, 1e-9);
        Assert.Equal(11.0 / 3, naive.Mase!.Value, 1e-9);
        // Four training months are less than a season: seasonal naive does not take part.
        Assert.DoesNotContain(result.Backtest, a => a.Method == ForecastMethod.SeasonalNaive);
        Assert.Equal(5, result.Backtest.Count);
        Assert.Equal(ForecastNote.None, result.Note);
        Assert.Equal(3, result.Values.Count);
    }

    [Fact]
    public void A_seasonal_series_goes_to_seasonal_naive_which_beats_Naive2()
    {
        // 30 months (too few for M4's seasonality test, so Naive2 is naive): seasonal naive is exact.
        var y = Enumerable.Range(0, 30).Select(t => 100 * Pattern[t % 12]).ToArray();
        var result = Forecasting.Forecast(y, H(6));
        Assert.Equal(ForecastMethod.SeasonalNaive, result.Method);
        Assert.Equal(0, result.Chosen!.Smape, 1e-9);
        Assert.True(result.BeatsNaive2);
        Assert.Equal(Enumerable.Range(30, 6).Select(t => Math.Round(100 * Pattern[t % 12], 9)), result.Values.Select(v => Math.Round(v, 9)));
        Assert.Equal(Enum.GetValues<ForecastMethod>(), result.Backtest.Select(a => a.Method));
    }

    [Fact]
    public void A_trending_series_goes_to_a_trend_method_which_beats_Naive2()
    {
        var y = Enumerable.Range(1, 24).Select(t => 20 + 3.0 * t).ToArray();
        var result = Forecasting.Forecast(y, H(6));
        Assert.Contains(result.Method, new[] { ForecastMethod.DampedTrend, ForecastMethod.Theta });
        Assert.True(result.BeatsNaive2);
        Assert.True(result.Chosen!.Mase < result.Naive2!.Mase);
        Assert.All(result.Values, v => Assert.True(v > y[^1]));
    }

    [Fact]
    public void A_seasonal_series_with_trend_is_adjusted_and_then_extrapolated()
    {
        // Five years of (100 + t) × pattern with a little deterministic noise (M4's test finds the season from 42 months
        // on): seasonal naive is a year behind the trend, Naive2 has the season but not the trend; Theta and the damped
        // trend have both.
        var y = Enumerable.Range(0, 60).Select(t => (100 + 1.0 * t) * Pattern[t % 12] + (t * 7 % 5 - 2)).ToArray();
        Assert.NotNull(Forecasting.SeasonalIndices(y[..49], 12));
        var result = Forecasting.Forecast(y, H(6));
        Assert.True(result.Method is ForecastMethod.DampedTrend or ForecastMethod.Theta,
            string.Join("; ", result.Backtest.Select(a => $"{a.Method} {a.Smape:F2} {a.Mase:F2}")));
        Assert.True(result.BeatsNaive2);
        var seasonalNaive = result.Backtest.Single(a => a.Method == ForecastMethod.SeasonalNaive);
        Assert.True(result.Naive2!.Smape < seasonalNaive.Smape);
    }

    [Fact]
    public void Equal_errors_go_to_the_simpler_method()
    {
        var flat = Forecasting.Forecast([.. Enumerable.Repeat(5.0, 24)], H(6));
        Assert.Equal(ForecastMethod.Naive, flat.Method);
        Assert.Equal([5, 5, 5, 5, 5, 5], flat.Values);
        Assert.All(flat.Backtest, a => Assert.Null(a.Mase));
        Assert.False(flat.BeatsNaive2);

        var zeros = Forecasting.Forecast(new double[24], H(3));
        Assert.Equal(ForecastMethod.Naive, zeros.Method);
        Assert.All(zeros.Backtest, a => Assert.Equal(0, a.Smape));
        Assert.Equal([0, 0, 0], zeros.Values);
    }

    [Fact]
    public void Short_and_empty_series_get_naive_only_with_the_reason()
    {
        // 12 < 2 × 6 + 1.
        var shortSeries = Forecasting.Forecast([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], H(6));
        Assert.Equal((ForecastMethod.Naive, ForecastNote.ShortSeries), (shortSeries.Method, shortSeries.Note));
        Assert.Equal([14, 14, 14, 14, 14, 14], shortSeries.Values);
        Assert.Empty(shortSeries.Backtest);
        Assert.Null(shortSeries.BeatsNaive2);

        var one = Forecasting.Forecast([4], H(3));
        Assert.Equal([4, 4, 4], one.Values);

        var empty = Forecasting.Forecast([], H(3));
        Assert.Equal(ForecastNote.Empty, empty.Note);
        Assert.Empty(empty.Values);
    }

    [Fact]
    public void Broken_series_and_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Forecasting.Forecast([1, double.NaN, 3], H(3)));
        Assert.Throws<ArgumentException>(() => Forecasting.Forecast([1, double.PositiveInfinity], H(3)));
        Assert.Throws<ArgumentException>(() => Forecasting.Forecast([1, -2, 3], H(3)));
        Assert.True(ForecastOptions.Default.Validate().IsValid);
        var errors = new ForecastOptions(Horizon: 7, SeasonLength: 0).Validate().ToDictionary();
        Assert.Equal(["horizon", "seasonLength"], errors.Keys);
        Assert.Equal(["must be between 3 and 6"], errors["horizon"]);
    }

    [Fact]
    public void The_summary_reports_the_share_beating_Naive2_and_the_OWA()
    {
        DemandForecast[] forecasts =
        [
            new(ForecastMethod.Theta, [1, 1, 1], [new(ForecastMethod.Naive2, 20, 1.0), new(ForecastMethod.Theta, 10, 0.5)], ForecastNote.None),
            new(ForecastMethod.Naive2, [1, 1, 1], [new(ForecastMethod.Naive2, 15, 0.8), new(ForecastMethod.Theta, 16, 0.9)], ForecastNote.None),
            new(ForecastMethod.Naive, [1, 1, 1], [], ForecastNote.ShortSeries),
        ];
        // Chosen sMAPE (10 + 15) / 2 = 12.5 vs Naive2 (20 + 15) / 2 = 17.5; MASE (0.5 + 0.8) / 2 = 0.65 vs 0.9;
        // OWA = ½ (12.5 / 17.5 + 0.65 / 0.9); one of two backtested series beats Naive2.
        var summary = Forecasting.Summarise(forecasts);
        Assert.Equal((3, 2, 0.5), (summary.Series, summary.Backtested, summary.ShareBeatingNaive2!.Value));
        Assert.Equal(12.5, summary.MeanSmape!.Value, 1e-12);
        Assert.Equal(17.5, summary.MeanSmapeNaive2!.Value, 1e-12);
        Assert.Equal(0.65, summary.MeanMase!.Value, 1e-12);
        Assert.Equal(0.9, summary.MeanMaseNaive2!.Value, 1e-12);
        Assert.Equal(0.5 * (12.5 / 17.5 + 0.65 / 0.9), summary.Owa!.Value, 1e-12);

        var none = Forecasting.Summarise([]);
        Assert.Equal(new ForecastSummary(0, 0, null, null, null, null, null, null), none);
    }
}
