-- P8-AFGEWEZEN: share (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region × total, partner; sqlite
WITH numerator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner,
        f.rejected AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= '2025-01-01'
        AND f.started_at < '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
numerator_placed AS (
    SELECT region.code AS region_code, units.unit, units.by_partner, units.x
    FROM numerator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
),
denominator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner,
        f.read AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= '2025-01-01'
        AND f.started_at < '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
denominator_placed AS (
    SELECT region.code AS region_code, units.unit, units.by_partner, units.x
    FROM denominator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, category, SUM(x) AS numerator, 0 AS denominator
    FROM (SELECT region_code AS area_code, NULL AS category, unit, x FROM numerator_placed) AS picked GROUP BY area_code, category
    UNION ALL
    SELECT area_code, category, 0 AS numerator, SUM(x) AS denominator
    FROM (SELECT region_code AS area_code, NULL AS category, unit, x FROM denominator_placed) AS picked GROUP BY area_code, category
) AS parts
GROUP BY area_code, category
UNION ALL
SELECT
    'region' AS area_level, area_code, 'partner' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, category, SUM(x) AS numerator, 0 AS denominator
    FROM (SELECT region_code AS area_code, by_partner AS category, unit, x FROM numerator_placed) AS picked GROUP BY area_code, category
    UNION ALL
    SELECT area_code, category, 0 AS numerator, SUM(x) AS denominator
    FROM (SELECT region_code AS area_code, by_partner AS category, unit, x FROM denominator_placed) AS picked GROUP BY area_code, category
) AS parts
GROUP BY area_code, category
ORDER BY area_level, area_code, breakdown, category;
