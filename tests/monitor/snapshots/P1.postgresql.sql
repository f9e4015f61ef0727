-- P1: count_distinct (household, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH facts AS (
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_supportplan AS f
    UNION ALL
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_enrolment AS f
    UNION ALL
    SELECT f.household_id, f.valid_from AS valid_from, f.valid_to AS valid_to
    FROM register_contactassignment AS f
),
units AS (
    SELECT DISTINCT
        f.household_id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown
    FROM facts AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from < DATE '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, DATE '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > DATE '2025-01-01' AND res.valid_to > f.valid_from))
    WHERE f.valid_from < DATE '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-01-01')
),
placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
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

-- P1: count_distinct (household, window flow), period 2025 [2025-01-01, 2026-01-01), by wijk; postgresql
WITH facts AS (
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_supportplan AS f
    UNION ALL
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_enrolment AS f
    UNION ALL
    SELECT f.household_id, f.valid_from AS valid_from, f.valid_to AS valid_to
    FROM register_contactassignment AS f
),
units AS (
    SELECT DISTINCT
        f.household_id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown
    FROM facts AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from < DATE '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, DATE '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > DATE '2025-01-01' AND res.valid_to > f.valid_from))
    WHERE f.valid_from < DATE '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-01-01')
),
placed AS (
    SELECT DISTINCT wijk.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
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
