-- E5: count_distinct (fact, window cumulative), period 2025 [2025-01-01, 2026-01-01), by region × total; postgresql
WITH units AS (
    SELECT DISTINCT
        f.partner_id AS unit,
        NULL AS buurt_id
    FROM evaluation_decisionpartner AS f
    WHERE f.decided_on >= DATE '2023-01-01'
        AND f.decided_on < DATE '2026-01-01'
),
placed AS (
    SELECT region.code AS region_code, units.unit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level,
    region_code AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code))
ORDER BY area_level, area_code, breakdown, category;
