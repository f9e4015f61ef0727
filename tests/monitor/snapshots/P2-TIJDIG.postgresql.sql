-- P2-TIJDIG: share (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, signal_source; postgresql
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
        CASE WHEN (f.first_attempt_on - f.signal_date) <= 14 THEN 1 ELSE 0 END AS hit
    FROM register_signal_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= pd.period_low
        AND f.signal_date < pd.period_end
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_signal_source, units.hit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_signal_source) = 0 THEN 'signal_source' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_signal_source) = 0 THEN by_signal_source END AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, region_code, by_signal_source), (period_id, gemeente_code), (period_id, gemeente_code, by_signal_source), (period_id, wijk_code), (period_id, wijk_code, by_signal_source))
ORDER BY period, area_level, area_code, breakdown, category;
