-- SPDX-License-Identifier: EUPL-1.2
-- Rule `churn` (verloop): many registrations starting or ending at one object.
--
-- In words: count the inschrijvingen (a registration starts) and uitschrijvingen (a registration
-- ends) at the object in the `churn_months` months up to and including the peildatum, woonadres
-- and briefadres alike; every registration counts (four workers arriving together and leaving
-- together are 8). Option churn_group_same_day (off by default): people moving in on the same
-- day count as one move, and so do people moving out on the same day, approximating households
-- as the BRP bewoning API (verloop) does. The object is a hit at `churn_threshold` or more.
-- A move with a partly unknown date counts only when the whole possible period lies in the
-- window; moves that may or may not fall in it are shown as `onzeker`.
-- Not looked at: objects with a gebruiksdoel in churn_exclude_gebruiksdoelen (care homes and
-- prisons have a high turnover by nature).
CREATE OR REPLACE TEMP TABLE hit_churn AS
WITH span AS (
    SELECT getvariable('peildatum') - to_months(CAST(getvariable('churn_months') AS INTEGER)) AS van,
           getvariable('peildatum') AS tot
),
moves AS (
    SELECT adresseerbaar_object_id, 'in' AS richting, persoon_id,
           aanvang_vroegst AS vroegst, aanvang_laatst AS laatst
    FROM brp, span
    WHERE aanvang_laatst > span.van AND aanvang_vroegst <= span.tot
    UNION ALL
    SELECT adresseerbaar_object_id, 'uit', persoon_id, einde_vroegst, einde_laatst
    FROM brp, span
    WHERE datum_einde IS NOT NULL AND einde_laatst > span.van AND einde_vroegst <= span.tot
),
counted AS (
    SELECT
        adresseerbaar_object_id,
        count(*) FILTER (WHERE zeker AND richting = 'in')                   AS inschrijvingen,
        count(*) FILTER (WHERE zeker AND richting = 'uit')                  AS uitschrijvingen,
        count(DISTINCT (richting, vroegst)) FILTER (WHERE zeker)            AS verhuisdagen,
        count(*) FILTER (WHERE NOT zeker)                                   AS onzeker
    FROM (
        SELECT m.*, m.vroegst > span.van AND m.laatst <= span.tot AS zeker
        FROM moves m, span
    )
    GROUP BY adresseerbaar_object_id
),
scored AS (
    SELECT *,
           CASE WHEN getvariable('churn_group_same_day') THEN verhuisdagen
                ELSE inschrijvingen + uitschrijvingen END AS bewegingen
    FROM counted
)
SELECT
    adresseerbaar_object_id,
    to_json({
        'bewegingen': bewegingen,
        'inschrijvingen': inschrijvingen,
        'uitschrijvingen': uitschrijvingen,
        'onzeker': onzeker,
        'drempel': getvariable('churn_threshold'),
        'maanden': getvariable('churn_months')
    }) AS cijfers,
    format('{} verhuisbewegingen in {} maanden tot de peildatum ({} inschrijvingen, {} '
           'uitschrijvingen{}); de drempel is {}.',
           bewegingen, getvariable('churn_months'), inschrijvingen, uitschrijvingen,
           CASE WHEN getvariable('churn_group_same_day')
                THEN ', wie op dezelfde dag verhuist telt als één beweging' ELSE '' END,
           getvariable('churn_threshold')) AS uitleg
FROM scored
JOIN bag o USING (adresseerbaar_object_id)
WHERE bewegingen >= getvariable('churn_threshold')
  AND NOT list_has_any(o.gebruiksdoelen, getvariable('churn_exclude_gebruiksdoelen'));
