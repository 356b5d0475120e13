using MathNet.Numerics;
using MathNet.Numerics.Optimization;

namespace TalentBridge.Domain.Analytics;

/// <summary>
/// The forecasting methods of the M4 competition's benchmarks, in order of simplicity (a tie in the backtest goes to
/// the simpler one).
/// </summary>
public enum ForecastMethod
{
    /// <summary>The last value, repeated.</summary>
    Naive = 0,
    /// <summary>The value of the same month a season earlier.</summary>
    SeasonalNaive = 1,
    /// <summary>Naive on the seasonally adjusted series, reseasonalised (M4's reference method).</summary>
    Naive2 = 2,
    /// <summary>Simple exponential smoothing, ETS(A,N,N), on the seasonally adjusted series.</summary>
    Ses = 3,
    /// <summary>The theta method as in M4's benchmark, on the seasonally adjusted series.</summary>
    Theta = 4,
    /// <summary>Holt's damped trend, ETS(A,Ad,N), on the seasonally adjusted series.</summary>
    DampedTrend = 5,
}

/// <summary>Why a forecast used fewer methods than all of them.</summary>
public enum ForecastNote
{
    None = 0,
    /// <summary>No data: no forecast.</summary>
    Empty = 1,
    /// <summary>Fewer than 2 × horizon + 1 months: Naive only, no backtest.</summary>
    ShortSeries = 2,
}

/// <summary>
/// Horizon (3–6 months), season length (12 for monthly data) and the number of rolling origins of the backtest.
/// </summary>
public sealed record ForecastOptions(int Horizon = 6, int SeasonLength = 12, int Origins = 6)
{
    public static ForecastOptions Default { get; } = new();

    public ValidationErrors Validate() => new ValidationErrors()
        .Range(Horizon, 3, 6, "horizon")
        .Range(SeasonLength, 1, 12, "seasonLength")
        .Range(Origins, 1, 24, "origins");
}

/// <summary>A method's backtest error: mean sMAPE (in %, 0–200) and mean MASE over the origins (null when undefined at every origin).</summary>
public sealed record MethodAccuracy(ForecastMethod Method, double Smape, double? Mase);

/// <summary>
/// A demand forecast: the chosen method, its values for the next <c>Horizon</c> months (never negative), and the
/// backtest errors of every method tried (empty when <see cref="Note"/> says there was no backtest).
/// </summary>
public sealed record DemandForecast(ForecastMethod Method, IReadOnlyList<double> Values, IReadOnlyList<MethodAccuracy> Backtest, ForecastNote Note)
{
    public MethodAccuracy? Chosen => Backtest.FirstOrDefault(a => a.Method == Method);

    public MethodAccuracy? Naive2 => Backtest.FirstOrDefault(a => a.Method == ForecastMethod.Naive2);

    /// <summary>Whether the chosen method's backtest sMAPE is strictly below Naive2's; null without a backtest.</summary>
    public bool? BeatsNaive2 => Chosen is { } c && Naive2 is { } n ? c.Smape < n.Smape : null;
}

/// <summary>
/// Accuracy over many series, as M4 reports it: the share of backtested series where the chosen method beats Naive2,
/// the mean sMAPE and MASE of the chosen methods and of Naive2, and the overall weighted average (OWA) =
/// ½ (sMAPE ÷ sMAPE of Naive2 + MASE ÷ MASE of Naive2), below 1 when the choice beats Naive2. Means over no series
/// (and a ratio over a zero) are null.
/// </summary>
public sealed record ForecastSummary(
    int Series, int Backtested, double? ShareBeatingNaive2, double? MeanSmape, double? MeanSmapeNaive2,
    double? MeanMase, double? MeanMaseNaive2, double? Owa);

/// <summary>
/// Demand forecasts per occupation × region from a monthly series of counts, with the M4 competition's benchmark
/// methods, chosen per series by a rolling-origin backtest.
/// <para>
/// <b>Seasonal adjustment</b> (Naive2, SES, Theta, damped trend), as in M4: the series is seasonal when it has at least
/// 3 seasons and its lag-m autocorrelation exceeds 1.645 × √((1 + 2 Σ_{k&lt;m} r_k²) / n); then the indices of a
/// classical multiplicative decomposition (centred moving average, mean ratio per month, normalised to mean 1)
/// divide the series and multiply the forecasts back. A series whose indices cannot be computed or include a zero
/// (a month always without demand) is treated as not seasonal.
/// </para>
/// <para>
/// <b>Fitting</b>: SES starts its level at the first value and takes the α in [0, 1] minimising the in-sample sum of
/// squared one-step errors (golden section, bounds included). The damped trend starts at the first value and the first difference and
/// fits α and β (Holt's form) in (0, 1) and φ in [0.8, 0.98] the same way (Nelder–Mead on bounded transforms). Theta is M4's
/// benchmark: ½ × the least-squares line extrapolated + ½ × SES on the theta line 2y − line.
/// </para>
/// <para>
/// <b>Backtest</b>: origins at the last <c>Origins</c> points from which a whole horizon can be checked (the last
/// origin leaves exactly <c>Horizon</c> months out), each training on at least <c>Horizon</c> + 1 months; per origin
/// sMAPE = 200/h Σ |y − f| / (|y| + |f|) (a 0/0 term counts 0) and MASE = mean |y − f| ÷ the training series' mean
/// absolute seasonal difference (lag m, lag 1 when the training has no more than m points; undefined when that is 0).
/// Seasonal naive takes part only when every training holds a season. The method with the lowest mean sMAPE wins.
/// Forecasts and backtest forecasts below 0 are clamped to 0: the series are counts.
/// </para>
/// </summary>
public static class Forecasting
{
    /// <summary>Forecasts a non-negative monthly series (oldest first) with the method that backtests best.</summary>
    public static DemandForecast Forecast(IReadOnlyList<double> series, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var y = series.ToArray();
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i]) || y[i] < 0)
            {
                throw new ArgumentException($"Series value {i} is {y[i]}: a count must be finite and not negative.", nameof(series));
            }
        }
        int h = options.Horizon, m = options.SeasonLength;
        if (y.Length == 0)
        {
            return new DemandForecast(ForecastMethod.Naive, [], [], ForecastNote.Empty);
        }
        if (y.Length < 2 * h + 1)
        {
            return new DemandForecast(ForecastMethod.Naive, Predict(ForecastMethod.Naive, y, h, m), [], ForecastNote.ShortSeries);
        }

        var origins = Math.Min(options.Origins, y.Length - 2 * h);
        var firstOrigin = y.Length - h - origins + 1;
        var accuracy = Enum.GetValues<ForecastMethod>()
            .Where(method => method != ForecastMethod.SeasonalNaive || firstOrigin >= m)
            .Select(method =>
            {
                var runs = Enumerable.Range(firstOrigin, origins).Select(origin =>
                {
                    var training = y.AsSpan(0, origin);
                    var actual = y.AsSpan(origin, h);
                    var forecast = Predict(method, training, h, m);
                    return (Smape: Smape(actual, forecast), Mase: Mase(training, actual, forecast, m));
                }).ToArray();
                var mase = runs.Where(r => r.Mase is not null).Select(r => r.Mase!.Value).ToArray();
                return new MethodAccuracy(method, runs.Average(r => r.Smape), mase.Length == 0 ? null : mase.Average());
            })
            .ToArray();
        // MinBy keeps the first of equal values: the enum order is the order of simplicity.
        var chosen = accuracy.MinBy(a => a.Smape)!.Method;
        return new DemandForecast(chosen, Predict(chosen, y, h, m), accuracy, ForecastNote.None);
    }

    /// <summary>Point forecasts of one method for the <paramref name="horizon"/> months after <paramref name="history"/>, clamped to 0.</summary>
    public static double[] Predict(ForecastMethod method, ReadOnlySpan<double> history, int horizon, int seasonLength)
    {
        var n = history.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, method == ForecastMethod.SeasonalNaive ? seasonLength : 1, nameof(history));
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        var y = history.ToArray();
        double[] forecast;
        if (method == ForecastMethod.Naive)
        {
            forecast = Enumerable.Repeat(y[^1], horizon).ToArray();
        }
        else if (method == ForecastMethod.SeasonalNaive)
        {
            forecast = Enumerable.Range(0, horizon).Select(i => y[n - seasonLength + i % seasonLength]).ToArray();
        }
        else
        {
            var indices = SeasonalIndices(y, seasonLength);
            var adjusted = indices is null ? y : y.Select((v, t) => v / indices[t % seasonLength]).ToArray();
            forecast = method switch
            {
                ForecastMethod.Naive2 => Enumerable.Repeat(adjusted[^1], horizon).ToArray(),
                ForecastMethod.Ses => Enumerable.Repeat(Ses(adjusted).Level, horizon).ToArray(),
                ForecastMethod.Theta => Theta(adjusted, horizon),
                ForecastMethod.DampedTrend => DampedTrend(adjusted, horizon),
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            };
            if (indices is not null)
            {
                for (var i = 0; i < horizon; i++)
                {
                    forecast[i] *= indices[(n + i) % seasonLength];
                }
            }
        }
        return [.. forecast.Select(f => Math.Max(0, f))];
    }

    /// <summary>sMAPE in % (0–200) as in M4: 200/h Σ |y − f| / (|y| + |f|); a term with y = f = 0 counts 0.</summary>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(forecast.Length, actual.Length, nameof(forecast));
        ArgumentOutOfRangeException.ThrowIfZero(actual.Length, nameof(actual));
        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var denominator = Math.Abs(actual[i]) + Math.Abs(forecast[i]);
            sum += denominator == 0 ? 0 : Math.Abs(actual[i] - forecast[i]) / denominator;
        }
        return 200 * sum / actual.Length;
    }

    /// <summary>
    /// MASE as in M4: mean |y − f| ÷ the mean absolute lag-m difference of <paramref name="training"/> (lag 1 when
    /// it has no more than m points); null when that scale is 0 or cannot be computed.
    /// </summary>
    public static double? Mase(ReadOnlySpan<double> training, ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, int seasonLength)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(forecast.Length, actual.Length, nameof(forecast));
        ArgumentOutOfRangeException.ThrowIfZero(actual.Length, nameof(actual));
        var lag = training.Length > seasonLength ? seasonLength : 1;
        if (training.Length <= lag)
        {
            return null;
        }
        var scale = 0.0;
        for (var t = lag; t < training.Length; t++)
        {
            scale += Math.Abs(training[t] - training[t - lag]);
        }
        scale /= training.Length - lag;
        if (scale == 0)
        {
            return null;
        }
        var error = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            error += Math.Abs(actual[i] - forecast[i]);
        }
        return error / actual.Length / scale;
    }

    /// <summary>Accuracy over many forecasts; see <see cref="ForecastSummary"/>.</summary>
    public static ForecastSummary Summarise(IEnumerable<DemandForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var all = forecasts.ToArray();
        var tested = all.Where(f => f.Chosen is not null && f.Naive2 is not null).ToArray();
        static double? Mean(IEnumerable<double> values)
        {
            var array = values.ToArray();
            return array.Length == 0 ? null : array.Average();
        }
        var withMase = tested.Where(f => f.Chosen!.Mase is not null && f.Naive2!.Mase is not null).ToArray();
        double? smape = Mean(tested.Select(f => f.Chosen!.Smape)), smapeNaive2 = Mean(tested.Select(f => f.Naive2!.Smape));
        double? mase = Mean(withMase.Select(f => f.Chosen!.Mase!.Value)), maseNaive2 = Mean(withMase.Select(f => f.Naive2!.Mase!.Value));
        double? owa = smape is { } s && smapeNaive2 is > 0 && mase is { } a && maseNaive2 is > 0
            ? 0.5 * (s / smapeNaive2.Value + a / maseNaive2.Value)
            : null;
        return new ForecastSummary(all.Length, tested.Length, Mean(tested.Select(f => f.BeatsNaive2 == true ? 1.0 : 0.0)),
            smape, smapeNaive2, mase, maseNaive2, owa);
    }

    /// <summary>
    /// The multiplicative seasonal indices (one per position in the season, position 0 = the series' first month, mean
    /// 1), or null when the series is not seasonal by M4's test or the indices are unusable.
    /// </summary>
    internal static double[]? SeasonalIndices(double[] y, int m)
    {
        var n = y.Length;
        if (m < 2 || n < 3 * m || !IsSeasonal(y, m))
        {
            return null;
        }
        // Centred moving average of order m (2×m when m is even), defined from position m/2 to n − 1 − m/2.
        var half = m / 2;
        var sums = new double[m];
        var counts = new int[m];
        for (var t = half; t < n - half; t++)
        {
            double trend;
            if (m % 2 == 0)
            {
                trend = 0.5 * (y[t - half] + y[t + half]);
                for (var k = t - half + 1; k < t + half; k++)
                {
                    trend += y[k];
                }
            }
            else
            {
                trend = 0;
                for (var k = t - half; k <= t + half; k++)
                {
                    trend += y[k];
                }
            }
            trend /= m;
            if (trend > 0)
            {
                sums[t % m] += y[t] / trend;
                counts[t % m]++;
            }
        }
        if (counts.Any(c => c == 0))
        {
            return null;
        }
        var figure = sums.Select((s, k) => s / counts[k]).ToArray();
        var mean = figure.Average();
        return figure.Any(f => f <= 0) ? null : [.. figure.Select(f => f / mean)];
    }

    /// <summary>M4's test: |r_m| &gt; 1.645 × √((1 + 2 Σ_{k=1}^{m−1} r_k²) / n), with r_k the sample autocorrelation.</summary>
    internal static bool IsSeasonal(double[] y, int m)
    {
        var n = y.Length;
        var mean = y.Average();
        var variance = y.Sum(v => (v - mean) * (v - mean));
        if (variance == 0)
        {
            return false;
        }
        double R(int k)
        {
            var s = 0.0;
            for (var t = 0; t + k < n; t++)
            {
                s += (y[t] - mean) * (y[t + k] - mean);
            }
            return s / variance;
        }
        var squares = Enumerable.Range(1, m - 1).Sum(k => R(k) * R(k));
        return Math.Abs(R(m)) > 1.645 * Math.Sqrt((1 + 2 * squares) / n);
    }

    /// <summary>SES with α fitted on the in-sample one-step squared errors; the final level and the α used.</summary>
    internal static (double Level, double Alpha) Ses(double[] y)
    {
        double Run(double alpha, out double sse)
        {
            var level = y[0];
            sse = 0;
            for (var t = 1; t < y.Length; t++)
            {
                var error = y[t] - level;
                sse += error * error;
                level += alpha * error;
            }
            return level;
        }
        var alpha = y.Length < 2 ? 1 : GoldenSection(a => { Run(a, out var sse); return sse; });
        return (Run(alpha, out _), alpha);
    }

    /// <summary>
    /// The minimum of <paramref name="f"/> on [0, 1] by golden-section search to 1e-9, the bounds included (SES on a
    /// trend wants α = 1 exactly).
    /// </summary>
    private static double GoldenSection(Func<double, double> f)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double low = 0, high = 1;
        double x1 = high - ratio * (high - low), x2 = low + ratio * (high - low);
        double f1 = f(x1), f2 = f(x2);
        while (high - low > 1e-9)
        {
            if (f1 <= f2)
            {
                (high, x2, f2) = (x2, x1, f1);
                x1 = high - ratio * (high - low);
                f1 = f(x1);
            }
            else
            {
                (low, x1, f1) = (x1, x2, f2);
                x2 = low + ratio * (high - low);
                f2 = f(x2);
            }
        }
        return new[] { (X: 0.0, F: f(0)), (X: (low + high) / 2, F: f((low + high) / 2)), (X: 1.0, F: f(1)) }.MinBy(p => p.F).X;
    }

    /// <summary>M4's theta benchmark: ½ (a + b t) + ½ SES(2y − (a + b t)), with a + b t the least-squares line over t = 1..n.</summary>
    private static double[] Theta(double[] y, int horizon)
    {
        var n = y.Length;
        var t = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var (a, b) = n < 2 ? (y[0], 0.0) : Fit.Line(t, y);
        var thetaLine = y.Select((v, i) => 2 * v - (a + b * t[i])).ToArray();
        var level = Ses(thetaLine).Level;
        return [.. Enumerable.Range(n + 1, horizon).Select(i => 0.5 * (a + b * i) + 0.5 * level)];
    }

    /// <summary>Holt's damped trend with α, β, φ fitted on the in-sample one-step squared errors.</summary>
    private static double[] DampedTrend(double[] y, int horizon)
    {
        if (y.Length < 3)
        {
            return [.. Enumerable.Repeat(y[^1], horizon)];
        }
        (double Level, double Trend) Run(double alpha, double beta, double phi, out double sse)
        {
            double level = y[0], trend = y[1] - y[0];
            sse = 0;
            for (var t = 1; t < y.Length; t++)
            {
                var error = y[t] - (level + phi * trend);
                sse += error * error;
                var previous = level;
                level = level + phi * trend + alpha * error;
                trend = phi * trend + beta * (level - previous - phi * trend);
            }
            return (level, trend);
        }
        static double Logistic(double u) => 1 / (1 + Math.Exp(-u));
        static (double Alpha, double Beta, double Phi) Parameters(double u, double v, double w)
        {
            return (1e-4 + (1 - 2e-4) * Logistic(u), 1e-4 + (1 - 2e-4) * Logistic(v), 0.8 + 0.18 * Logistic(w));
        }
        double Sse(double u, double v, double w)
        {
            var (alpha, beta, phi) = Parameters(u, v, w);
            Run(alpha, beta, phi, out var sse);
            return sse;
        }
        // Start at α = 0.5, β = 0.1, φ = 0.89; a search that does not converge falls back to that start.
        var best = (U: 0.0, V: -2.2, W: 0.0);
        try
        {
            best = FindMinimum.OfFunction(Sse, best.U, best.V, best.W, 1e-6, 1000);
        }
        catch (MaximumIterationsException)
        {
            // Keep the start: a plausible damped trend rather than no forecast.
        }
        var (a, b, p) = Parameters(best.U, best.V, best.W);
        var (l, g) = Run(a, b, p, out _);
        var damping = 0.0;
        var power = 1.0;
        var forecast = new double[horizon];
        for (var i = 0; i < horizon; i++)
        {
            power *= p;
            damping += power;
            forecast[i] = l + damping * g;
        }
        return forecast;
    }
}
