-- W1.6: share (fact, window flow), period 2025 [2025-01-01, 2026-01-01), by region × total, partner; sqlite
WITH units AS (
    SELECT DISTINCT
        f.id AS unit,
        NULL AS buurt_id,
        (SELECT code FROM partners_partner WHERE id = f.partner_id) AS by_partner,
        CASE WHEN f.score >= 4 THEN 1 ELSE 0 END AS hit
    FROM surveys_answer_fact AS f
    WHERE f.counts_on >= '2025-01-01'
        AND f.counts_on < '2026-01-01'
        AND f.survey = 'professionals_randvoorwaarden'
        AND f.question = 'w1_6'
),
placed AS (
    SELECT region.code AS region_code, units.unit, units.by_partner, units.hit
    FROM units AS units
    CROSS JOIN areas_area AS region
    WHERE region.level = 'regio'
)
SELECT
    'region' AS area_level, region_code AS area_code, '' AS breakdown, NULL AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code
UNION ALL
SELECT
    'region' AS area_level, region_code AS area_code, 'partner' AS breakdown, by_partner AS category,
    COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) AS numerator,
    COUNT(DISTINCT unit) AS denominator,
    100.0 * COUNT(DISTINCT CASE WHEN hit = 1 THEN unit END) / COUNT(DISTINCT unit) AS value
FROM placed
GROUP BY region_code, by_partner
ORDER BY area_level, area_code, breakdown, category;
