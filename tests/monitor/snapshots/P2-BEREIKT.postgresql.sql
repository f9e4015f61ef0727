-- P2-BEREIKT: median (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown,
        (f.reached_on - f.signal_date) AS x
    FROM register_signal AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= DATE '2025-01-01'
        AND f.signal_date < DATE '2026-01-01'
        AND f.reached_on IS NOT NULL
),
placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit, units.x
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    area_code,
    breakdown,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        breakdown,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, breakdown ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, breakdown) AS observations
    FROM placed
) AS ranked
WHERE position IN ((observations + 1) / 2, (observations + 2) / 2)
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- P2-BEREIKT: median (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by wijk, breakdown signal_source; postgresql
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.source_kind AS breakdown,
        (f.reached_on - f.signal_date) AS x
    FROM register_signal AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= DATE '2025-01-01'
        AND f.signal_date < DATE '2026-01-01'
        AND f.reached_on IS NOT NULL
),
placed AS (
    SELECT DISTINCT wijk.code AS area_code, units.breakdown, units.unit, units.x
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
)
SELECT
    area_code,
    breakdown,
    MAX(observations) AS numerator,
    NULL AS denominator,
    1.0 * AVG(x) AS value
FROM (
    SELECT
        area_code,
        breakdown,
        x,
        ROW_NUMBER() OVER (PARTITION BY area_code, breakdown ORDER BY x) AS position,
        COUNT(*) OVER (PARTITION BY area_code, breakdown) AS observations
    FROM placed
) AS ranked
WHERE position IN ((observations + 1) / 2, (observations + 2) / 2)
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
