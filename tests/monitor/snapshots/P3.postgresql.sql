-- P3: count (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown
    FROM register_signal AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.closed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.closed_on)
    WHERE f.closed_on >= DATE '2025-01-01'
        AND f.closed_on < DATE '2026-01-01'
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

-- P3: count (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by wijk, breakdown signal_source; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.source_kind AS breakdown
    FROM register_signal AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.closed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.closed_on)
    WHERE f.closed_on >= DATE '2025-01-01'
        AND f.closed_on < DATE '2026-01-01'
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
