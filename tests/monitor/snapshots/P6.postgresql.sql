-- P6: count (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, capital, age_group; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.capital AS by_capital,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN (((CAST(EXTRACT(YEAR FROM f.assessed_on) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 17 THEN 'kind' WHEN (((CAST(EXTRACT(YEAR FROM f.assessed_on) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group
    FROM register_capitalassessment_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.assessed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.assessed_on)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.assessed_on >= pd.period_low
        AND f.assessed_on < pd.period_end
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_capital, units.by_age_group
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    CASE WHEN GROUPING(by_capital) = 0 THEN 'capital' WHEN GROUPING(by_age_group) = 0 THEN 'age_group' ELSE '' END AS breakdown,
    CASE WHEN GROUPING(by_capital) = 0 THEN by_capital WHEN GROUPING(by_age_group) = 0 THEN by_age_group END AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, region_code, by_capital), (period_id, region_code, by_age_group), (period_id, gemeente_code), (period_id, gemeente_code, by_capital), (period_id, gemeente_code, by_age_group), (period_id, wijk_code), (period_id, wijk_code, by_capital), (period_id, wijk_code, by_age_group))
ORDER BY period, area_level, area_code, breakdown, category;
