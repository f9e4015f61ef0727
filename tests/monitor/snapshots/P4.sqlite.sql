-- P4: ratio (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region; sqlite
WITH numerator_units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        NULL AS breakdown
    FROM register_contactassignment AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.valid_from
        AND (res.valid_to IS NULL OR res.valid_to > f.valid_from)
    WHERE f.valid_from >= '2025-01-01'
        AND f.valid_from < '2026-01-01'
        AND EXISTS (SELECT 1 FROM register_contactassignment AS earlier WHERE earlier.household_id = f.household_id AND earlier.valid_from < f.valid_from)
),
numerator_placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit
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
        NULL AS breakdown,
        CAST(julianday(MIN(COALESCE(f.valid_to, '2026-01-01'), COALESCE(res.valid_to, '2026-01-01'), '2026-01-01')) - julianday(MAX(f.valid_from, res.valid_from, '2025-01-01')) AS INTEGER) AS x
    FROM register_contactassignment AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from < '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > '2025-01-01' AND res.valid_to > f.valid_from))
    WHERE f.valid_from < '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > '2025-01-01')
),
denominator_placed AS (
    SELECT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM denominator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    area_code,
    breakdown,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, breakdown, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM numerator_placed GROUP BY area_code, breakdown
    UNION ALL
    SELECT area_code, breakdown, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM denominator_placed GROUP BY area_code, breakdown
) AS parts
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- P4: ratio (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by wijk; sqlite
WITH numerator_units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        NULL AS breakdown
    FROM register_contactassignment AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.valid_from
        AND (res.valid_to IS NULL OR res.valid_to > f.valid_from)
    WHERE f.valid_from >= '2025-01-01'
        AND f.valid_from < '2026-01-01'
        AND EXISTS (SELECT 1 FROM register_contactassignment AS earlier WHERE earlier.household_id = f.household_id AND earlier.valid_from < f.valid_from)
),
numerator_placed AS (
    SELECT DISTINCT wijk.code AS area_code, units.breakdown, units.unit
    FROM numerator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
),
denominator_units AS (
    SELECT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        NULL AS breakdown,
        CAST(julianday(MIN(COALESCE(f.valid_to, '2026-01-01'), COALESCE(res.valid_to, '2026-01-01'), '2026-01-01')) - julianday(MAX(f.valid_from, res.valid_from, '2025-01-01')) AS INTEGER) AS x
    FROM register_contactassignment AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from < '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > '2025-01-01' AND res.valid_to > f.valid_from))
    WHERE f.valid_from < '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > '2025-01-01')
),
denominator_placed AS (
    SELECT wijk.code AS area_code, units.breakdown, units.unit, units.x
    FROM denominator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
)
SELECT
    area_code,
    breakdown,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT area_code, breakdown, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM numerator_placed GROUP BY area_code, breakdown
    UNION ALL
    SELECT area_code, breakdown, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM denominator_placed GROUP BY area_code, breakdown
) AS parts
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
