-- Early warnings and demand forecasts (issue 13, items 5 and 6), computed by the jobs analytics.warnings and
-- analytics.forecast from the monthly facts of 0023 (ADR 0016). Periods are months written 'YYYY-MM'.

-- The thresholds an operator set for a region (12 digits, padded). A region without a row takes its nearest ancestor's,
-- or the defaults of WarningThresholds. Shares are fractions (0.3 = 30 %).
CREATE TABLE warning_thresholds (
  region_code                 text PRIMARY KEY,
  sharp_fall_share            real NOT NULL,
  sharp_fall_min_open         integer NOT NULL,
  mass_closure_count          integer NOT NULL,
  mass_closure_share          real NOT NULL,
  mass_closure_min_positions  integer NOT NULL,
  terminated_agreements       integer NOT NULL,
  severe_factor               real NOT NULL,
  version                     integer NOT NULL,
  updated_at                  TEXT NOT NULL,
  updated_by                  INTEGER
);

-- One alert per subject, kind and month: re-evaluating a month updates it (measured value, threshold, severity) and
-- keeps its acknowledgement; an alert no longer reached is marked cleared, not deleted.
-- subject_key: 'e:<enterprise id>' or 'i:<county code>:<industry section>'. region_code: the enterprise's region or the
-- county, 12 digits. recent: JSON [[open, closed, terminated], …], the 12 months ending with the alert's month.
CREATE TABLE early_warnings (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_key           text NOT NULL,
  subject_type          text NOT NULL,
  enterprise_id         INTEGER,
  industry_section      text NOT NULL,
  region_code           text NOT NULL,
  period                text NOT NULL,
  kind                  integer NOT NULL,
  severity              integer NOT NULL,
  measured              real NOT NULL,
  threshold             real NOT NULL,
  recent                text NOT NULL,
  raised_at             TEXT NOT NULL,
  evaluated_at          TEXT NOT NULL,
  cleared_at            TEXT,
  notified_at           TEXT,
  acknowledged_at       TEXT,
  acknowledged_by       INTEGER,
  acknowledgement_note  text,
  version               integer NOT NULL
);
CREATE UNIQUE INDEX ux_early_warnings_subject ON early_warnings (subject_key, kind, period);
CREATE INDEX ix_early_warnings_region ON early_warnings (region_code, period);
CREATE INDEX ix_early_warnings_period ON early_warnings (period, severity);

-- When each month's warnings were last evaluated: the daily job re-evaluates a month only when its facts are newer.
CREATE TABLE warning_evaluations (
  period        text PRIMARY KEY,
  evaluated_at  TEXT NOT NULL,
  subjects      integer NOT NULL,
  alerts        integer NOT NULL
);

-- The newest forecast run, one row per measure ('headcount': headcount sought, 'open': positions open at the month's
-- end) and level ('county': occupation 小类 x county, 'city': 中类 x city), with Forecasting.Summarise's figures.
CREATE TABLE forecast_summaries (
  measure               text NOT NULL,
  level                 text NOT NULL,
  period                text NOT NULL,
  computed_at           TEXT NOT NULL,
  horizon               integer NOT NULL,
  series                integer NOT NULL,
  backtested            integer NOT NULL,
  share_beating_naive2  real,
  mean_smape            real,
  mean_smape_naive2     real,
  mean_mase             real,
  mean_mase_naive2      real,
  owa                   real,
  PRIMARY KEY (measure, level)
);

-- One forecast per measure, level, region and occupation group (the group's code padded with -00: 2-02-10-00):
-- the chosen method and note (Domain ForecastMethod, ForecastNote), the history and forecast as JSON arrays, the
-- backtest of every method as JSON [{method, smape, mase}], the chosen method's and Naive2's errors, and the sums of the
-- next 3 and 6 months. A run replaces all rows in one transaction.
CREATE TABLE forecast_series (
  measure          text NOT NULL,
  level            text NOT NULL,
  region_code      text NOT NULL,
  occupation_code  text NOT NULL,
  period           text NOT NULL,
  method           integer NOT NULL,
  note             integer NOT NULL,
  history          text NOT NULL,
  forecast         text NOT NULL,
  backtest         text NOT NULL,
  smape            real,
  mase             real,
  naive2_smape     real,
  naive2_mase      real,
  beats_naive2     integer,
  next3            real NOT NULL,
  next6            real NOT NULL,
  PRIMARY KEY (measure, level, region_code, occupation_code)
);
CREATE INDEX ix_forecast_series_demand ON forecast_series (measure, level, next6);
CREATE INDEX ix_forecast_series_occupation ON forecast_series (measure, level, occupation_code);
