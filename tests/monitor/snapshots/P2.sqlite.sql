-- P2: median (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, signal_source; sqlite
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.source_kind AS by_signal_source,
        CAST(julianday(f.first_attempt_on) - julianday(f.signal_date) AS INTEGER) AS x
    FROM register_signal_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= '2025-01-01'
        AND f.signal_date < '2026-01-01'
        AND f.first_attempt_on IS NOT NULL
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.by_signal_source, units.x
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    'region' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT region_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
UNION ALL
SELECT
    'region' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT region_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
UNION ALL
SELECT
    'gemeente' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT gemeente_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
UNION ALL
SELECT
    'gemeente' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT gemeente_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
UNION ALL
SELECT
    'wijk' AS area_level, area_code, '' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT wijk_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
UNION ALL
SELECT
    'wijk' AS area_level, area_code, 'signal_source' AS breakdown, category,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        category,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, category ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, category) AS observations
    FROM (SELECT DISTINCT wijk_code AS area_code, by_signal_source AS category, unit, x FROM placed) AS picked
) AS ranked
WHERE position IN (((observations + 1) / 2), ((observations + 2) / 2))
GROUP BY area_code, category
ORDER BY area_level, area_code, breakdown, category;
