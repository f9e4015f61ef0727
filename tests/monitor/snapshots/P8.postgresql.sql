-- P8: count (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        CAST(NULL AS text) AS breakdown
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    area_code,
    breakdown,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- P8: count (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region, breakdown partner; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS breakdown
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    area_code,
    breakdown,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
