-- D2: count_distinct (person, window flow), period 2025 [2025-01-01, 2026-01-01), by region; postgresql
WITH units AS (
    SELECT DISTINCT
        member.person_id AS unit,
        res.buurt_id AS buurt_id,
        CAST(NULL AS text) AS breakdown
    FROM register_signal AS f
    JOIN register_membership AS member
        ON member.household_id = f.household_id
        AND member.valid_from <= f.signal_date
        AND (member.valid_to IS NULL OR member.valid_to > f.signal_date)
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    WHERE f.signal_date >= DATE '2025-01-01'
        AND f.signal_date < DATE '2026-01-01'
        AND f.reached_on IS NOT NULL
),
placed AS (
    SELECT DISTINCT region.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id
)
SELECT
    area_code,
    breakdown,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;

-- D2: count_distinct (person, window flow), period 2025 [2025-01-01, 2026-01-01), by wijk, breakdown age_group; postgresql
WITH units AS (
    SELECT DISTINCT
        member.person_id AS unit,
        res.buurt_id AS buurt_id,
        CASE WHEN person.birth_year IS NULL THEN 'onbekend' WHEN (((CAST(EXTRACT(YEAR FROM f.signal_date) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.signal_date) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 17 THEN 'kind' WHEN (((CAST(EXTRACT(YEAR FROM f.signal_date) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM f.signal_date) AS INTEGER)) - (person.birth_year * 12 + COALESCE(person.birth_month, 1))) / 12) <= 26 THEN 'jongere' ELSE 'volwassene' END AS breakdown
    FROM register_signal AS f
    JOIN register_membership AS member
        ON member.household_id = f.household_id
        AND member.valid_from <= f.signal_date
        AND (member.valid_to IS NULL OR member.valid_to > f.signal_date)
    JOIN register_residence AS res
        ON res.household_id = f.household_id
        AND res.valid_from <= f.signal_date
        AND (res.valid_to IS NULL OR res.valid_to > f.signal_date)
    JOIN register_person AS person ON person.id = member.person_id
    WHERE f.signal_date >= DATE '2025-01-01'
        AND f.signal_date < DATE '2026-01-01'
        AND f.reached_on IS NOT NULL
),
placed AS (
    SELECT DISTINCT wijk.code AS area_code, units.breakdown, units.unit
    FROM units AS units
    JOIN areas_area AS buurt ON buurt.id = units.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
)
SELECT
    area_code,
    breakdown,
    COUNT(DISTINCT unit) AS numerator,
    NULL AS denominator,
    COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY area_code, breakdown
ORDER BY area_code, breakdown;
