-- SPDX-License-Identifier: EUPL-1.2
-- Scoring: the score of an address is the sum of the weights of the rules that fired there
-- (scan_rules holds the weights from the settings). An address is listed when at least one
-- standalone rule fired and the score reaches min_score. Nothing else goes into the rank.
CREATE OR REPLACE TEMP TABLE scan_hits AS
WITH fired AS (
    SELECT 'occupancy' AS code, * FROM hit_occupancy
    UNION ALL SELECT 'churn', * FROM hit_churn
    UNION ALL SELECT 'non_residential', * FROM hit_non_residential
    UNION ALL SELECT 'risk_business', * FROM hit_risk_business
    UNION ALL SELECT 'known', * FROM hit_known
),
weighed AS (
    SELECT f.*, w.weight, w.standalone, w.position
    FROM fired f
    JOIN scan_rules w ON w.code = f.code AND w.enabled
),
listable AS (
    SELECT DISTINCT adresseerbaar_object_id FROM weighed WHERE standalone
),
grouped AS (
    SELECT
        adresseerbaar_object_id,
        sum(weight)                                             AS score,
        list(code ORDER BY position)                            AS rules,
        json_group_object(code, cijfers)                        AS cijfers,
        list(uitleg ORDER BY position)                          AS uitleg,
        bool_or(standalone)                                     AS has_standalone
    FROM weighed
    SEMI JOIN listable USING (adresseerbaar_object_id)
    GROUP BY adresseerbaar_object_id
)
SELECT
    g.adresseerbaar_object_id,
    g.score,
    g.rules,
    g.cijfers,
    g.uitleg,
    o.postcode, o.huisnummer, o.huisletter, o.huisnummertoevoeging, o.woonplaats,
    coalesce(p.soorten, []) AS vergunningen
FROM grouped g
JOIN bag o USING (adresseerbaar_object_id)
LEFT JOIN scan_permits p USING (adresseerbaar_object_id)
WHERE g.has_standalone
  AND g.score >= getvariable('min_score');
