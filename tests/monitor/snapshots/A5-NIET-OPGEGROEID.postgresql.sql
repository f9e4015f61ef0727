-- A5-NIET-OPGEGROEID: share (person, window stock), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente × total; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year, DATE '2024-01-01' AS period_start_plus_0, DATE '2025-01-01' AS period_end_plus_0
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year, DATE '2025-01-01' AS period_start_plus_0, DATE '2026-01-01' AS period_end_plus_0
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN (EXISTS (SELECT 1 FROM register_povertystatus_current AS y0 WHERE y0.person_id = f.person_id AND y0.valid_from < pd.period_end_plus_0 AND (y0.valid_to IS NULL OR y0.valid_to > pd.period_start_plus_0))) THEN 1 ELSE 0 END AS hit
    FROM register_membership_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= pd.period_last
        AND (res.valid_to IS NULL OR res.valid_to > pd.period_last)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from <= pd.period_last
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_last)
        AND ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) BETWEEN 18 AND 27
        AND NOT EXISTS (SELECT 1 FROM register_povertystatus_current AS g WHERE g.person_id = f.person_id AND g.valid_from < pd.period_end AND g.year - (SELECT bp.birth_year FROM register_person AS bp WHERE bp.id = f.person_id) BETWEEN 12 AND 17)
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.hit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'gemeente' END AS area_level,
    COALESCE(region_code, gemeente_code) AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, gemeente_code))
ORDER BY period, area_level, area_code, breakdown, category;
