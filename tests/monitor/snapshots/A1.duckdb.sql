-- A1: count_distinct (person, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, age_group, dorp, experiment; duckdb
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 17 THEN 'kind' WHEN ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) // 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group,
        (SELECT MIN(dorp.code) FROM areas_areagroup_members AS member JOIN areas_areagroup AS dorp ON dorp.id = member.areagroup_id WHERE member.area_id = res.buurt_id AND dorp.kind = 'dorp') AS by_dorp,
        (SELECT MIN(experiment.code) FROM areas_areagroup_members AS member JOIN areas_areagroup AS experiment ON experiment.id = member.areagroup_id WHERE member.area_id = res.buurt_id AND experiment.kind = 'experimentgebied') AS by_experiment
    FROM register_povertystatus_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from < pd.period_end
        AND res.valid_from < COALESCE(f.valid_to, pd.period_end)
        AND (res.valid_to IS NULL OR (res.valid_to > pd.period_low AND res.valid_to > f.valid_from))
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from < pd.period_end
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_low)
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_age_group, units.by_dorp, units.by_experiment
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_age_group) = 0 THEN 'age_group' WHEN GROUPING(by_dorp) = 0 THEN 'dorp' WHEN GROUPING(by_experiment) = 0 THEN 'experiment' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_age_group) = 0 THEN by_age_group WHEN GROUPING(by_dorp) = 0 THEN by_dorp WHEN GROUPING(by_experiment) = 0 THEN by_experiment END AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, region_code, by_age_group), (period_id, region_code, by_dorp), (period_id, region_code, by_experiment), (period_id, gemeente_code), (period_id, gemeente_code, by_age_group), (period_id, gemeente_code, by_dorp), (period_id, gemeente_code, by_experiment), (period_id, wijk_code), (period_id, wijk_code, by_age_group), (period_id, wijk_code, by_dorp), (period_id, wijk_code, by_experiment))
ORDER BY period, area_level, area_code, breakdown, category;
