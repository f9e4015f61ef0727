-- D8: count_distinct (person, window cumulative), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; sqlite
WITH periods AS (
    SELECT '2024' AS period_id, '2024-01-01' AS period_start, '2025-01-01' AS period_end, '2024-12-31' AS period_last, '2023-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, '2025-01-01' AS period_start, '2026-01-01' AS period_end, '2025-12-31' AS period_last, '2023-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.person_id AS unit,
        res.buurt_id AS buurt_id
    FROM register_enrolment_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.started_on
        AND (res.valid_to IS NULL OR res.valid_to > f.started_on)
    WHERE f.started_on >= pd.period_low
        AND f.started_on < pd.period_end
        AND f.intervention_id IN (SELECT id FROM register_intervention WHERE code = 'opvoedondersteuning')
        AND EXISTS (SELECT 1 FROM register_membership_current AS m JOIN register_person AS mp ON mp.id = m.person_id WHERE m.household_id = f.household_id AND m.valid_from <= f.started_on AND (m.valid_to IS NULL OR m.valid_to > f.started_on) AND (((CAST(strftime('%Y', f.started_on) AS INTEGER) * 12 + CAST(strftime('%m', f.started_on) AS INTEGER)) - (mp.birth_year * 12 + COALESCE(mp.birth_month, 1))) / 12) BETWEEN 0 AND 17)
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
    period_id AS period, 'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, region_code
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
    period_id AS period, 'wijk' AS area_level, wijk_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY period_id, wijk_code
ORDER BY period, area_level, area_code, breakdown, category;
