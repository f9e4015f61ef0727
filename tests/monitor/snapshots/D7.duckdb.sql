-- D7: share (household, window stock), periods 2024 [2024-01-01, 2025-01-01), 2025 [2025-01-01, 2026-01-01), by region, gemeente, wijk × total; duckdb
WITH periods AS (
    SELECT '2024' AS period_id, DATE '2024-01-01' AS period_start, DATE '2025-01-01' AS period_end, DATE '2024-12-31' AS period_last, DATE '2024-01-01' AS period_low, 24300 AS period_last_months, 2024 AS reference_year
    UNION ALL
    SELECT '2025' AS period_id, DATE '2025-01-01' AS period_start, DATE '2026-01-01' AS period_end, DATE '2025-12-31' AS period_last, DATE '2025-01-01' AS period_low, 24312 AS period_last_months, 2025 AS reference_year
),
facts AS (
    SELECT
        f.*,
        pd.period_id AS period_id,
        ROW_NUMBER() OVER (
            PARTITION BY pd.period_id, f.person_id, f.kind
            ORDER BY f.observed_on DESC, f.id DESC
        ) AS latest_rank
    FROM register_outcome_current AS f
    CROSS JOIN periods AS pd
    WHERE f.observed_on < pd.period_end
        AND f.kind = 'informele_hulp'
        AND (pd.period_id, f.household_id) IN (
            SELECT pd.period_id, p.household_id
            FROM periods AS pd CROSS JOIN register_enrolment_current AS p
            WHERE p.experiment_id IS NOT NULL
                AND p.started_on < pd.period_end
                AND (p.ended_on IS NULL OR p.ended_on > pd.period_low)
        )
),
units AS (
    SELECT DISTINCT
        pd.period_id AS period_id,
        f.household_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN f.value = TRUE THEN 1 ELSE 0 END AS hit
    FROM facts AS f
    JOIN periods AS pd ON pd.period_id = f.period_id
    JOIN register_residence_current AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= pd.period_last
        AND (res.valid_to IS NULL OR res.valid_to > pd.period_last)
    WHERE f.latest_rank = 1
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
    period_id AS period, CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(gemeente_code) = 0 THEN 'gemeente' ELSE 'wijk' END AS area_level,
    COALESCE(region_code, gemeente_code, wijk_code) AS area_code,
    '' AS breakdown,
    CAST(NULL AS text) AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY GROUPING SETS ((period_id, region_code), (period_id, gemeente_code), (period_id, wijk_code))
ORDER BY period, area_level, area_code, breakdown, category;
