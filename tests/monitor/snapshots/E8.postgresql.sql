-- E8: count_distinct (fact, window cumulative), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region × total, partner; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2023-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2023-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner
    FROM learning_trainingcompletion AS f
    CROSS JOIN periods AS pd
    WHERE f.completed_on >= pd.period_low
        AND f.completed_on < pd.period_end
        AND f.bejegening = TRUE
),
placed AS (
    SELECT region.code AS region_code, units.period_id, units.unit, units.by_partner
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    period_id AS period, 'region' AS area_level,
    region_code AS area_code,
    CASE WHEN GROUPING(by_partner) = 0 THEN 'partner' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_partner) = 0 THEN by_partner END AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, region_code, by_partner))
ORDER BY period, area_level, area_code, breakdown, category;
