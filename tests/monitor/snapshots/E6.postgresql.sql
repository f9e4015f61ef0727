-- E6: share (fact, window stock), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region × total; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        NULL AS buurt_id,
        CASE WHEN f.builds_on_knowledge = TRUE THEN 1 ELSE 0 END AS hit
    FROM learning_experiment AS f
    CROSS JOIN periods AS pd
    WHERE f.started_on <= pd.period_last
        AND (f.ended_on IS NULL OR f.ended_on > pd.period_last)
),
placed AS (
    SELECT region.code AS region_code, units.period_id, units.unit, units.hit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    period_id AS period, 'region' AS area_level,
    region_code AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code))
ORDER BY period, area_level, area_code, breakdown, category;
