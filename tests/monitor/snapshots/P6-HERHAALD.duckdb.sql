-- P6-HERHAALD: share (person, window stock), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, capital; duckdb
WITH units AS (
    SELECT DISTINCT
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        f.capital AS by_capital,
        CASE WHEN (SELECT COUNT(*) FROM register_capitalassessment_current AS r WHERE r.person_id = f.person_id AND r.capital = f.capital AND r.assessed_on < DATE '2026-01-01') >= 2 THEN 1 ELSE 0 END AS hit
    FROM register_capitalassessment_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= DATE '2025-12-31'
        AND (res.valid_to IS NULL OR res.valid_to > DATE '2025-12-31')
    WHERE f.assessed_on < DATE '2026-01-01'
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.by_capital, units.hit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_capital) = 0 THEN 'capital' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_capital) = 0 THEN by_capital END AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (region_code, by_capital), (gemeente_code), (gemeente_code, by_capital), (wijk_code), (wijk_code, by_capital))
ORDER BY area_level, area_code, breakdown, category;
