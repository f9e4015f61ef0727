-- W3: count (fact, window cumulative), period 2025 [2025-01-01, 2026-01-01), by region × total, partner; sqlite
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner
    FROM learning_procurement AS f
    WHERE f.awarded_on >= '2023-01-01'
        AND f.awarded_on < '2026-01-01'
        AND f.poverty_conditions = TRUE
),
placed AS (
    SELECT region.code AS region_code, units.unit, units.by_partner
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code
UNION ALL
SELECT
    'region' AS area_level, region_code AS area_code, 'partner' AS breakdown, by_partner AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code, by_partner
ORDER BY area_level, area_code, breakdown, category;
