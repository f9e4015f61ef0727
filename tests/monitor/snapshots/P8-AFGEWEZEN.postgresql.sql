-- P8-AFGEWEZEN: share (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region × total, partner; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
numerator_units AS (
    SELECT
        pd.period_id AS period_id,
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner,
        f.rejected AS x
    FROM intake_importbatch AS f
    CROSS JOIN periods AS pd
    WHERE f.started_at >= pd.period_low
        AND f.started_at < pd.period_end
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
numerator_placed AS (
    SELECT region.code AS region_code, units.period_id, units.unit, units.by_partner, units.x
    FROM numerator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
),
denominator_units AS (
    SELECT
        pd.period_id AS period_id,
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner,
        f.read AS x
    FROM intake_importbatch AS f
    CROSS JOIN periods AS pd
    WHERE f.started_at >= pd.period_low
        AND f.started_at < pd.period_end
        AND f.dry_run = FALSE
        AND f.status = 'verwerkt'
),
denominator_placed AS (
    SELECT region.code AS region_code, units.period_id, units.unit, units.by_partner, units.x
    FROM denominator_units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    period_id AS period, 'region' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, SUM(x) AS numerator, 0 AS denominator
    FROM (SELECT period_id, region_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM numerator_placed) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, SUM(x) AS denominator
    FROM (SELECT period_id, region_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, area_code, 'partner' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 100.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, SUM(x) AS numerator, 0 AS denominator
    FROM (SELECT period_id, region_code AS area_code, by_partner AS category, unit, x FROM numerator_placed) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, SUM(x) AS denominator
    FROM (SELECT period_id, region_code AS area_code, by_partner AS category, unit, x FROM denominator_placed) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category
ORDER BY period, area_level, area_code, breakdown, category;
