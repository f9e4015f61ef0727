-- P1-AANDEEL: reference_share (household, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
facts AS (
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
        pd.period_id AS period_id,
        f.household_id AS unit,
        res.buurt_id AS buurt_id
    FROM facts AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from < pd.period_end
        AND res.valid_from < COALESCE(f.valid_to, pd.period_end)
        AND (res.valid_to IS NULL OR (res.valid_to > pd.period_low AND res.valid_to > f.valid_from))
    WHERE f.valid_from < pd.period_end
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_low)
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
),
reference_areas AS (
SELECT pd.period_id, area.level AS area_level, area.code AS area_code,
    area.parent_id AS parent_id, ROUND(total.value * share.value / 100.0) AS households,
    total.year AS year
FROM periods AS pd
CROSS JOIN areas_areastatistic AS total
JOIN areas_areastatistic AS share ON share.area_id = total.area_id AND share.year = total.year
JOIN areas_area AS area ON area.id = total.area_id
WHERE total.measure = 'HuishoudensTotaal' AND share.measure = 'HuishOnderOfRondSociaalMinimum'
    AND total.value IS NOT NULL AND share.value IS NOT NULL
    AND total.year = (
        SELECT MAX(t.year) FROM areas_areastatistic AS t
        JOIN areas_areastatistic AS s ON s.area_id = t.area_id AND s.year = t.year
        WHERE t.area_id = total.area_id AND t.measure = 'HuishoudensTotaal' AND s.measure = 'HuishOnderOfRondSociaalMinimum'
            AND t.value IS NOT NULL AND s.value IS NOT NULL AND t.year <= pd.reference_year
    )
),
reference AS (
SELECT period_id, area_level, area_code, households, year FROM reference_areas
UNION ALL
SELECT r.period_id, 'regio' AS area_level, region.code AS area_code,
    SUM(r.households) AS households, MIN(r.year) AS year
FROM areas_area AS region
JOIN reference_areas AS r ON r.parent_id = region.id AND r.area_level = 'gemeente'
WHERE region.level = 'regio'
GROUP BY r.period_id, region.id, region.code
HAVING COUNT(*) = (
    SELECT COUNT(*) FROM areas_area AS g WHERE g.parent_id = region.id AND g.level = 'gemeente'
)
)
SELECT r.period_id AS period, 'region' AS area_level, r.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    COALESCE(c.units, 0) AS numerator, r.households AS denominator,
    CASE WHEN r.households > 0 THEN 100.0 * COALESCE(c.units, 0) / r.households END AS value
FROM reference AS r
LEFT JOIN (SELECT period_id, region_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, region_code) AS c ON c.period_id = r.period_id AND c.area_code = r.area_code
WHERE r.area_level = 'regio'
UNION ALL
SELECT c.period_id AS period, 'region' AS area_level, c.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    c.units AS numerator, NULL AS denominator, NULL AS value
FROM (SELECT period_id, region_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, region_code) AS c
WHERE NOT EXISTS (
    SELECT 1 FROM reference AS r
    WHERE r.period_id = c.period_id AND r.area_level = 'regio' AND r.area_code = c.area_code
)
UNION ALL
SELECT r.period_id AS period, 'gemeente' AS area_level, r.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    COALESCE(c.units, 0) AS numerator, r.households AS denominator,
    CASE WHEN r.households > 0 THEN 100.0 * COALESCE(c.units, 0) / r.households END AS value
FROM reference AS r
LEFT JOIN (SELECT period_id, gemeente_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, gemeente_code) AS c ON c.period_id = r.period_id AND c.area_code = r.area_code
WHERE r.area_level = 'gemeente'
UNION ALL
SELECT c.period_id AS period, 'gemeente' AS area_level, c.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    c.units AS numerator, NULL AS denominator, NULL AS value
FROM (SELECT period_id, gemeente_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, gemeente_code) AS c
WHERE NOT EXISTS (
    SELECT 1 FROM reference AS r
    WHERE r.period_id = c.period_id AND r.area_level = 'gemeente' AND r.area_code = c.area_code
)
UNION ALL
SELECT r.period_id AS period, 'wijk' AS area_level, r.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    COALESCE(c.units, 0) AS numerator, r.households AS denominator,
    CASE WHEN r.households > 0 THEN 100.0 * COALESCE(c.units, 0) / r.households END AS value
FROM reference AS r
LEFT JOIN (SELECT period_id, wijk_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, wijk_code) AS c ON c.period_id = r.period_id AND c.area_code = r.area_code
WHERE r.area_level = 'wijk'
UNION ALL
SELECT c.period_id AS period, 'wijk' AS area_level, c.area_code, '' AS breakdown, CAST(NULL AS text) AS category,
    c.units AS numerator, NULL AS denominator, NULL AS value
FROM (SELECT period_id, wijk_code AS area_code, COUNT(DISTINCT unit) AS units FROM placed GROUP BY period_id, wijk_code) AS c
WHERE NOT EXISTS (
    SELECT 1 FROM reference AS r
    WHERE r.period_id = c.period_id AND r.area_level = 'wijk' AND r.area_code = c.area_code
)
ORDER BY period, area_level, area_code, breakdown, category;
