-- P8-AFGEWEZEN: share (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH numerator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        CAST(NULL AS text) AS breakdown,
        f.rejected AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
numerator_placed AS (
    SELECT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM numerator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
),
denominator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        CAST(NULL AS text) AS breakdown,
        f.read AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
denominator_placed AS (
    SELECT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM denominator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    area_code,
    breakdown,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, breakdown, SUM(x) AS numerator, 0 AS denominator
    FROM numerator_placed GROUP BY area_code, breakdown
    UNION ALL
    SELECT area_code, breakdown, 0 AS numerator, SUM(x) AS denominator
    FROM denominator_placed GROUP BY area_code, breakdown
) AS parts
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- P8-AFGEWEZEN: share (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region, breakdown partner; postgresql
WITH numerator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS breakdown,
        f.rejected AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
numerator_placed AS (
    SELECT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM numerator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
),
denominator_units AS (
    SELECT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS breakdown,
        f.read AS x
    FROM intake_importbatch AS f
    WHERE f.started_at >= DATE '2025-01-01'
        AND f.started_at < DATE '2026-01-01'
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
denominator_placed AS (
    SELECT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM denominator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    area_code,
    breakdown,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, breakdown, SUM(x) AS numerator, 0 AS denominator
    FROM numerator_placed GROUP BY area_code, breakdown
    UNION ALL
    SELECT area_code, breakdown, 0 AS numerator, SUM(x) AS denominator
    FROM denominator_placed GROUP BY area_code, breakdown
) AS parts
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
