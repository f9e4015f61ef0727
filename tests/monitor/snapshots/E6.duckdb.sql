-- E6: share (fact, window stock), period 2025 [2025-01-01, 2026-01-01), by region × total; duckdb
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        CASE WHEN f.builds_on_knowledge = TRUE THEN 1 ELSE 0 END AS hit
    FROM learning_experiment AS f
    WHERE f.started_on <= DATE '2025-12-31'
        AND (f.ended_on IS NULL OR f.ended_on > DATE '2025-12-31')
),
placed AS (
    SELECT region.code AS region_code, units.unit, units.hit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level,
    region_code AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code))
ORDER BY area_level, area_code, breakdown, category;
