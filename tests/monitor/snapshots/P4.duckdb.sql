-- P4: ratio (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; duckdb
WITH numerator_units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id
    FROM register_contactassignment_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.valid_from
        AND (res.valid_to IS NULL OR res.valid_to > f.valid_from)
    WHERE f.valid_from >= DATE '2025-01-01'
        AND f.valid_from < DATE '2026-01-01'
        AND EXISTS (SELECT 1 FROM register_contactassignment_current AS earlier WHERE earlier.household_id = f.household_id AND earlier.valid_from < f.valid_from AND earlier.valid_to <= f.valid_from AND (f.valid_from - earlier.valid_to) <= 60)
),
numerator_placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit
    FROM numerator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
),
denominator_units AS (
    SELECT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        GREATEST((LEAST(COALESCE(f.valid_to, DATE '2026-01-01'), COALESCE(res.valid_to, DATE '2026-01-01'), DATE '2026-01-01') - GREATEST(f.valid_from, res.valid_from, DATE '2025-01-01', COALESCE((SELECT MAX(COALESCE(o.valid_to, DATE '2026-01-01')) FROM register_contactassignment_current AS o WHERE o.household_id = f.household_id AND (o.valid_from < f.valid_from OR (o.valid_from = f.valid_from AND o.id < f.id))), f.valid_from))), 0) AS x
    FROM register_contactassignment_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from < DATE '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, DATE '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > DATE '2025-01-01' AND res.valid_to > f.valid_from))
    WHERE f.valid_from < DATE '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-01-01')
),
denominator_placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.x
    FROM denominator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    'region' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT region_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY area_code, category
    UNION ALL
    SELECT area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT region_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY area_code, category
) AS parts
GROUP BY area_code, category
UNION ALL
SELECT
    'gemeente' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT gemeente_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY area_code, category
    UNION ALL
    SELECT area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT gemeente_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY area_code, category
) AS parts
GROUP BY area_code, category
UNION ALL
SELECT
    'wijk' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT wijk_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY area_code, category
    UNION ALL
    SELECT area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT wijk_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY area_code, category
) AS parts
GROUP BY area_code, category
ORDER BY area_level, area_code, breakdown, category;
