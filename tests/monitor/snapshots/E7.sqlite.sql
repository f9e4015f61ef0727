-- E7: count_distinct (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region × total; sqlite
WITH periods AS (
    SELECT '2024' AS period_id, '2024-01-01' AS period_start, '2025-01-01' AS period_end, '2024-12-31' AS period_last, '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, '2025-01-01' AS period_start, '2026-01-01' AS period_end, '2025-12-31' AS period_last, '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.partner_id AS unit,
        NULL AS buurt_id
    FROM learning_knowledgesupport AS f
    CROSS JOIN periods AS pd
    WHERE f.started_on >= pd.period_low
        AND f.started_on < pd.period_end
),
placed AS (
    SELECT region.code AS region_code, units.period_id, units.unit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    period_id AS period, 'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, region_code
ORDER BY period, area_level, area_code, breakdown, category;
