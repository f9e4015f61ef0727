-- A3: count_distinct (person, window stock), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, age_group, dorp; sqlite
WITH periods AS (
    SELECT '2024' AS period_id, '2024-01-01' AS period_start, '2025-01-01' AS period_end, '2024-12-31' AS period_last, '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year, '2022-01-01' AS period_start_minus_2, '2023-01-01' AS period_end_minus_2, '2023-01-01' AS period_start_minus_1, '2024-01-01' AS period_end_minus_1, '2024-01-01' AS period_start_plus_0, '2025-01-01' AS period_end_plus_0
    UNION ALL
    SELECT '2025' AS period_id, '2025-01-01' AS period_start, '2026-01-01' AS period_end, '2025-12-31' AS period_last, '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year, '2023-01-01' AS period_start_minus_2, '2024-01-01' AS period_end_minus_2, '2024-01-01' AS period_start_minus_1, '2025-01-01' AS period_end_minus_1, '2025-01-01' AS period_start_plus_0, '2026-01-01' AS period_end_plus_0
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 17 THEN 'kind' WHEN ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group,
        (SELECT MIN(dorp.code) FROM areas_areagroup_members AS member JOIN areas_areagroup AS dorp ON dorp.id = member.areagroup_id WHERE member.area_id = res.buurt_id AND dorp.kind = 'dorp') AS by_dorp
    FROM register_membership_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= pd.period_last
        AND (res.valid_to IS NULL OR res.valid_to > pd.period_last)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from <= pd.period_last
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_last)
        AND (EXISTS (SELECT 1 FROM register_povertystatus_current AS y0 WHERE y0.person_id = f.person_id AND y0.valid_from < pd.period_end_minus_2 AND (y0.valid_to IS NULL OR y0.valid_to > pd.period_start_minus_2)))
        AND NOT (EXISTS (SELECT 1 FROM register_povertystatus_current AS y0 WHERE y0.person_id = f.person_id AND y0.valid_from < pd.period_end_minus_1 AND (y0.valid_to IS NULL OR y0.valid_to > pd.period_start_minus_1)) OR EXISTS (SELECT 1 FROM register_povertystatus_current AS y1 WHERE y1.person_id = f.person_id AND y1.valid_from < pd.period_end_plus_0 AND (y1.valid_to IS NULL OR y1.valid_to > pd.period_start_plus_0)))
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_age_group, units.by_dorp
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, 'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, region_code
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, region_code AS area_code, 'age_group' AS breakdown, by_age_group AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, region_code, by_age_group
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, region_code AS area_code, 'dorp' AS breakdown, by_dorp AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, region_code, by_dorp
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, gemeente_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, gemeente_code
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, gemeente_code AS area_code, 'age_group' AS breakdown, by_age_group AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, gemeente_code, by_age_group
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, gemeente_code AS area_code, 'dorp' AS breakdown, by_dorp AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, gemeente_code, by_dorp
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, wijk_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, wijk_code
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, wijk_code AS area_code, 'age_group' AS breakdown, by_age_group AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, wijk_code, by_age_group
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, wijk_code AS area_code, 'dorp' AS breakdown, by_dorp AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, wijk_code, by_dorp
ORDER BY period, area_level, area_code, breakdown, category;
