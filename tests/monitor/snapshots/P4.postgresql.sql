-- P4: ratio (fact, window flow), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; postgresql
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
numerator_units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.id AS unit,
        res.buurt_id AS buurt_id
    FROM register_contactassignment_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.valid_from
        AND (res.valid_to IS NULL OR res.valid_to > f.valid_from)
    WHERE f.valid_from >= pd.period_low
        AND f.valid_from < pd.period_end
        AND EXISTS (SELECT 1 FROM register_contactassignment_current AS earlier WHERE earlier.household_id = f.household_id AND earlier.valid_from < f.valid_from AND earlier.valid_to <= f.valid_from AND (f.valid_from - earlier.valid_to) <= 60)
),
numerator_placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit
    FROM numerator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
),
denominator_units AS (
    SELECT
        pd.period_id AS period_id,
        f.id AS unit,
        res.buurt_id AS buurt_id,
        GREATEST((LEAST(COALESCE(f.valid_to, pd.period_end), COALESCE(res.valid_to, pd.period_end), pd.period_end) - GREATEST(f.valid_from, res.valid_from, pd.period_low, COALESCE((SELECT MAX(COALESCE(o.valid_to, pd.period_end)) FROM register_contactassignment_current AS o WHERE o.household_id = f.household_id AND (o.valid_from < f.valid_from OR (o.valid_from = f.valid_from AND o.id < f.id))), f.valid_from))), 0) AS x
    FROM register_contactassignment_current AS f
    CROSS JOIN periods AS pd
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from < pd.period_end
        AND res.valid_from < COALESCE(f.valid_to, pd.period_end)
        AND (res.valid_to IS NULL OR (res.valid_to > pd.period_low AND res.valid_to > f.valid_from))
    WHERE f.valid_from < pd.period_end
        AND (f.valid_to IS NULL OR f.valid_to > pd.period_low)
),
denominator_placed AS (
    SELECT wijk.code AS wijk_code, gemeente.code AS gemeente_code, region.code AS region_code, units.period_id, units.unit, units.x
    FROM denominator_units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    period_id AS period, 'region' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT period_id, region_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT period_id, region_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'gemeente' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT period_id, gemeente_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT period_id, gemeente_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category
UNION ALL
SELECT
    period_id AS period, 'wijk' AS area_level, area_code, '' AS breakdown, category,
    SUM(numerator) AS numerator,
    SUM(denominator) AS denominator,
    CASE WHEN SUM(denominator) > 0 THEN 1.0 * SUM(numerator) / SUM(denominator) END AS value
FROM (
    SELECT period_id, area_code, category, COUNT(DISTINCT unit) AS numerator, 0 AS denominator
    FROM (SELECT DISTINCT period_id, wijk_code AS area_code, CAST(NULL AS text) AS category, unit FROM numerator_placed) AS picked GROUP BY period_id, area_code, category
    UNION ALL
    SELECT period_id, area_code, category, 0 AS numerator, SUM(x) / 365.25 AS denominator
    FROM (SELECT period_id, wijk_code AS area_code, CAST(NULL AS text) AS category, unit, x FROM denominator_placed) AS picked GROUP BY period_id, area_code, category
) AS parts
GROUP BY period_id, area_code, category
ORDER BY period, area_level, area_code, breakdown, category;
