-- D3: count_distinct (person, window stock), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.person_id AS unit,
        res.buurt_id AS buurt_id
    FROM register_membership_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= pd.period_last
        AND (res.valid_to IS NULL OR res.valid_to > pd.period_last)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.valid_from <= pd.period_last
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_last)
        AND (pd.period_id, f.household_id) IN (
            SELECT pd.period_id, p.household_id
            FROM periods AS pd CROSS JOIN register_enrolment_current AS p
            WHERE p.experiment_id IS NOT NULL
                AND p.started_on < pd.period_end
                AND (p.ended_on IS NULL OR p.ended_on > pd.period_low)
        )
        AND ((pd.period_last_months - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) BETWEEN 18 AND 26
        AND (SELECT o.value FROM register_outcome_current AS o WHERE o.person_id = f.person_id AND o.kind = 'startkwalificatie' AND o.observed_on <= pd.period_last ORDER BY o.observed_on DESC, o.id DESC LIMIT 1) = TRUE
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, gemeente_code), (period_id, wijk_code))
ORDER BY period, area_level, area_code, breakdown, category;
