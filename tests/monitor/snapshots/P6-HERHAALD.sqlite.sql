-- P6-HERHAALD: share (person, window stock), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, capital; sqlite
WITH units AS (
    SELECT DISTINCT
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        f.capital AS by_capital,
        CASE WHEN (SELECT COUNT(*) FROM register_capitalassessment_current AS r WHERE r.person_id = f.person_id AND r.capital = f.capital AND r.assessed_on < '2026-01-01') >= 2 THEN 1 ELSE 0 END AS hit
    FROM register_capitalassessment_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= '2025-12-31'
        AND (res.valid_to IS NULL OR res.valid_to > '2025-12-31')
    WHERE f.assessed_on < '2026-01-01'
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
    'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code
UNION ALL
SELECT
    'region' AS area_level, region_code AS area_code, 'capital' AS breakdown, by_capital AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code, by_capital
UNION ALL
SELECT
    'gemeente' AS area_level, gemeente_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY gemeente_code
UNION ALL
SELECT
    'gemeente' AS area_level, gemeente_code AS area_code, 'capital' AS breakdown, by_capital AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY gemeente_code, by_capital
UNION ALL
SELECT
    'wijk' AS area_level, wijk_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY wijk_code
UNION ALL
SELECT
    'wijk' AS area_level, wijk_code AS area_code, 'capital' AS breakdown, by_capital AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY wijk_code, by_capital
ORDER BY area_level, area_code, breakdown, category;
