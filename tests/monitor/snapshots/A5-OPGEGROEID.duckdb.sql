-- A5-OPGEGROEID: share (person, window stock), period 2025 [2025-01-01, 2026-01-01), by region, gemeente × total; duckdb
WITH units AS (
    SELECT DISTINCT
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN (EXISTS (SELECT 1 FROM register_povertystatus_current AS y0 WHERE y0.person_id = f.person_id AND y0.valid_from < DATE '2026-01-01' AND (y0.valid_to IS NULL OR y0.valid_to > DATE '2025-01-01'))) THEN 1 ELSE 0 END AS hit
    FROM register_membership_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= DATE '2025-12-31'
        AND (res.valid_to IS NULL OR res.valid_to > DATE '2025-12-31')
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from <= DATE '2025-12-31'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-12-31')
        AND (((2025 * 12 + 12) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) BETWEEN 18 AND 27
        AND EXISTS (SELECT 1 FROM register_povertystatus_current AS g WHERE g.person_id = f.person_id AND g.valid_from < DATE '2026-01-01' AND g.year - (SELECT bp.birth_year FROM register_person AS bp WHERE bp.id = f.person_id) BETWEEN 12 AND 17)
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.hit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    CASE WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'gemeente' END AS area_level,
    COALESCE(region_code, gemeente_code) AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (gemeente_code))
ORDER BY area_level, area_code, breakdown, category;
