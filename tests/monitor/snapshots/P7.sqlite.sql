-- P7: mean_difference (fact, window latest), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total, capital, age_group; sqlite
WITH periods AS (
    SELECT '2024' AS period_id, '2024-01-01' AS period_start, '2025-01-01' AS period_end, '2024-12-31' AS period_last, '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, '2025-01-01' AS period_start, '2026-01-01' AS period_end, '2025-12-31' AS period_last, '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
facts AS (
    SELECT
        f.*,
        pd.period_id AS period_id,
        ROW_NUMBER() OVER (
            PARTITION BY pd.period_id, f.person_id, f.capital
            ORDER BY f.assessed_on DESC, f.id DESC
        ) AS latest_rank
    FROM register_capitalassessment_current AS f
    CROSS JOIN periods AS pd
    WHERE f.assessed_on >= pd.period_low
        AND f.assessed_on < pd.period_end
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        res.buurt_id AS buurt_id,
        f.capital AS by_capital,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN (((CAST(strftime('%Y', f.assessed_on) AS INTEGER) * 12 + CAST(strftime('%m', f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 17 THEN 'kind' WHEN (((CAST(strftime('%Y', f.assessed_on) AS INTEGER) * 12 + CAST(strftime('%m', f.assessed_on) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS by_age_group,
        f.level - (SELECT first.level FROM register_capitalassessment_current AS first WHERE first.person_id = f.person_id AND first.capital = f.capital ORDER BY first.assessed_on, first.id LIMIT 1) AS x
    FROM facts AS f
    JOIN periods AS pd ON pd.period_id = f.period_id
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.assessed_on
        AND (res.valid_to IS NULL OR res.valid_to > f.assessed_on)
    JOIN register_person AS person ON person.id = f.person_id
    WHERE f.latest_rank = 1
        AND EXISTS (SELECT 1 FROM register_capitalassessment_current AS earlier WHERE earlier.person_id = f.person_id AND earlier.capital = f.capital AND earlier.assessed_on < f.assessed_on)
),
placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.by_capital, units.by_age_group, units.x
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, 'region' AS area_level, area_code, '' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, region_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, area_code, 'capital' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, region_code AS area_code, by_capital AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'region' AS area_level, area_code, 'age_group' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, region_code AS area_code, by_age_group AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, '' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, 'capital' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, by_capital AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, 'age_group' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, by_age_group AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, '' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, wijk_code AS area_code, NULL AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, 'capital' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, wijk_code AS area_code, by_capital AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, 'age_group' AS breakdown, category,
    SUM(x) AS numerator,
    COUNT(*) AS denominator,
    1.0 * SUM(x) / COUNT(*) AS value
FROM (SELECT DISTINCT period_id, wijk_code AS area_code, by_age_group AS category, unit, x FROM placed) AS picked
GROUP BY period_id, area_code, category
ORDER BY period, area_level, area_code, breakdown, category;
