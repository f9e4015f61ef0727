-- P7: mean_difference (fact, window latest), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH facts AS (
    SELECT
        f.*,
        ROW_NUMBER() OVER (
            PARTITION BY f.person_id, f.capital ORDER BY f.assessed_on DESC, f.id DESC
        ) AS latest_rank
    FROM register_capitalassessment AS f
    WHERE f.assessed_on >= DATE '2025-01-01'
        AND f.assessed_on < DATE '2026-01-01'
),
units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown,
        f.level - (SELECT first.level FROM register_capitalassessment AS first WHERE first.person_id = f.person_id AND first.capital = f.capital ORDER BY first.assessed_on, first.id LIMIT 1) AS x
    FROM facts AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.assessed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.assessed_on)
    WHERE f.latest_rank = 1
        AND EXISTS (SELECT 1 FROM register_capitalassessment AS earlier WHERE earlier.person_id = f.person_id AND earlier.capital = f.capital AND earlier.assessed_on < f.assessed_on)
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
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- P7: mean_difference (fact, window latest), period 2025 [2025-01-01, 2026-01-01), by wijk, breakdown capital; postgresql
WITH facts AS (
    SELECT
        f.*,
        ROW_NUMBER() OVER (
            PARTITION BY f.person_id, f.capital ORDER BY f.assessed_on DESC, f.id DESC
        ) AS latest_rank
    FROM register_capitalassessment AS f
    WHERE f.assessed_on >= DATE '2025-01-01'
        AND f.assessed_on < DATE '2026-01-01'
),
units AS (
    SELECT DISTINCT
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.capital AS breakdown,
        f.level - (SELECT first.level FROM register_capitalassessment AS first WHERE first.person_id = f.person_id AND first.capital = f.capital ORDER BY first.assessed_on, first.id LIMIT 1) AS x
    FROM facts AS f
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.assessed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.assessed_on)
    WHERE f.latest_rank = 1
        AND EXISTS (SELECT 1 FROM register_capitalassessment AS earlier WHERE earlier.person_id = f.person_id AND earlier.capital = f.capital AND earlier.assessed_on < f.assessed_on)
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
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
