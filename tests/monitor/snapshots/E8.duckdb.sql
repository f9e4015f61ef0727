-- E8: count_distinct (fact, window cumulative), period 2025 [2025-01-01, 2026-01-01), by region × total, partner; duckdb
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner
    FROM learning_trainingcompletion AS f
    WHERE f.completed_on >= DATE '2023-01-01'
        AND f.completed_on < DATE '2026-01-01'
        AND f.bejegening = TRUE
),
placed AS (
    SELECT region.code AS region_code, units.unit, units.by_partner
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level,
    region_code AS area_code,
    CASE WHEN GROUPING(by_partner) = 0 THEN 'partner' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_partner) = 0 THEN by_partner END AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (region_code, by_partner))
ORDER BY area_level, area_code, breakdown, category;
