-- D9: share (person, window latest), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, age_group; duckdb
WITH facts AS (
    SELECT
        f.*,
        ROW_NUMBER() OVER (
            PARTITION BY f.person_id, f.capital ORDER BY f.assessed_on DESC, f.id DESC
        ) AS latest_rank
    FROM register_capitalassessment_current AS f
    WHERE f.assessed_on >= DATE '2025-01-01'
        AND f.assessed_on < DATE '2026-01-01'
        AND f.capital = 'mentaal'
),
units AS (
    SELECT DISTINCT
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN (((CAST(EXTRACT(YEAR FROM f.assessed_on) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 17 THEN 'kind' WHEN (((CAST(EXTRACT(YEAR FROM f.assessed_on) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group,
        CASE WHEN f.level >= 4 THEN 1 ELSE 0 END AS hit
    FROM facts AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.assessed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.assessed_on)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.latest_rank = 1
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.by_age_group, units.hit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_age_group) = 0 THEN 'age_group' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_age_group) = 0 THEN by_age_group END AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (region_code, by_age_group), (gemeente_code), (gemeente_code, by_age_group), (wijk_code), (wijk_code, by_age_group))
ORDER BY area_level, area_code, breakdown, category;
