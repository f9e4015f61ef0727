-- P5: count (household, window stock), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; duckdb
WITH facts AS (
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_supportplan_current AS f
    UNION ALL
    SELECT f.household_id, f.started_on AS valid_from, f.ended_on AS valid_to
    FROM register_enrolment_current AS f
    UNION ALL
    SELECT f.household_id, f.valid_from AS valid_from, f.valid_to AS valid_to
    FROM register_contactassignment_current AS f
),
units AS (
    SELECT DISTINCT
        f.household_id AS unit,
        res.buurt_id AS buurt_id
    FROM facts AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= DATE '2025-12-31'
        AND (res.valid_to IS NULL OR res.valid_to > DATE '2025-12-31')
    WHERE f.valid_from <= DATE '2025-12-31'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-12-31')
        AND (SELECT COUNT(*) FROM register_contactassignment_current AS a WHERE a.household_id = f.household_id AND a.valid_from <= DATE '2025-12-31' AND (a.valid_to IS NULL OR a.valid_to > DATE '2025-12-31')) = 0
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (gemeente_code), (wijk_code))
ORDER BY area_level, area_code, breakdown, category;
