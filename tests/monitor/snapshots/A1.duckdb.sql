-- A1: count_distinct (person, window flow), period 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, age_group, dorp, experiment; duckdb
WITH units AS (
    SELECT DISTINCT
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN (((2025 * 12 + 12) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 17 THEN 'kind' WHEN (((2025 * 12 + 12) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group,
        (SELECT MIN(dorp.code) FROM areas_areagroup_members AS member JOIN areas_areagroup AS dorp ON dorp.id = member.areagroup_id WHERE member.area_id = res.buurt_id AND dorp.kind = 'dorp') AS by_dorp,
        (SELECT MIN(experiment.code) FROM areas_areagroup_members AS member JOIN areas_areagroup AS experiment ON experiment.id = member.areagroup_id WHERE member.area_id = res.buurt_id AND experiment.kind = 'experimentgebied') AS by_experiment
    FROM register_povertystatus_current AS f
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from < DATE '2026-01-01'
        AND res.valid_from < COALESCE(f.valid_to, DATE '2026-01-01')
        AND (res.valid_to IS NULL OR (res.valid_to > DATE '2025-01-01' AND res.valid_to > f.valid_from))
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from < DATE '2026-01-01'
        AND (f.valid_to IS NULL OR f.valid_to > DATE '2025-01-01')
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.unit, units.by_age_group, units.by_dorp, units.by_experiment
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_age_group) = 0 THEN 'age_group' WHEN GROUPING(by_dorp) = 0 THEN 'dorp' WHEN GROUPING(by_experiment) = 0 THEN 'experiment' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_age_group) = 0 THEN by_age_group WHEN GROUPING(by_dorp) = 0 THEN by_dorp WHEN GROUPING(by_experiment) = 0 THEN by_experiment END AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((region_code), (region_code, by_age_group), (region_code, by_dorp), (region_code, by_experiment), (gemeente_code), (gemeente_code, by_age_group), (gemeente_code, by_dorp), (gemeente_code, by_experiment), (wijk_code), (wijk_code, by_age_group), (wijk_code, by_dorp), (wijk_code, by_experiment))
ORDER BY area_level, area_code, breakdown, category;
