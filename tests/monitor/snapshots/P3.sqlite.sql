-- P3: count (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, signal_source, category; sqlite
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.source_kind AS by_signal_source,
        f.end_result AS by_category
    FROM register_signal_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.closed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.closed_on)
    WHERE f.closed_on >= '2025-01-01'
        AND f.closed_on < '2026-01-01'
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.by_signal_source, units.by_category
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code
UNION ALL
SELECT
    'region' AS area_level, region_code AS area_code, 'signal_source' AS breakdown, by_signal_source AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code, by_signal_source
UNION ALL
SELECT
    'region' AS area_level, region_code AS area_code, 'category' AS breakdown, by_category AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code, by_category
UNION ALL
SELECT
    'gemeente' AS area_level, gemeente_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY gemeente_code
UNION ALL
SELECT
    'gemeente' AS area_level, gemeente_code AS area_code, 'signal_source' AS breakdown, by_signal_source AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY gemeente_code, by_signal_source
UNION ALL
SELECT
    'gemeente' AS area_level, gemeente_code AS area_code, 'category' AS breakdown, by_category AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY gemeente_code, by_category
UNION ALL
SELECT
    'wijk' AS area_level, wijk_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY wijk_code
UNION ALL
SELECT
    'wijk' AS area_level, wijk_code AS area_code, 'signal_source' AS breakdown, by_signal_source AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY wijk_code, by_signal_source
UNION ALL
SELECT
    'wijk' AS area_level, wijk_code AS area_code, 'category' AS breakdown, by_category AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY wijk_code, by_category
ORDER BY area_level, area_code, breakdown, category;
