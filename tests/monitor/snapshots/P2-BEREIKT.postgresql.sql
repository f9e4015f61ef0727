-- P2-BEREIKT: median (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, signal_source; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.source_kind AS by_signal_source,
        (f.reached_on - f.signal_date) AS x
    FROM register_signal_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= pd.period_low
        AND f.signal_date < pd.period_end
        AND f.reached_on IS NOT NULL
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_signal_source, units.x
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, 'region' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, region_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, region_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, wijk_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        period_id,
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY period_id, area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY period_id, area_code, category) AS observations
    FROM (SELECT DISTINCT period_id, wijk_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY period_id, area_code, category
ORDER BY period, area_level, area_code, breakdown, category;
