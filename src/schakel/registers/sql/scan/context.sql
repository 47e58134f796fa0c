-- SPDX-License-Identifier: EUPL-1.2
-- Shared context for all rules, computed once per scan for getvariable('peildatum').

-- Who is registered at each object on the peildatum.
-- A registration is CERTAIN when it certainly started on or before the peildatum and certainly
-- had not ended by then. Partly unknown dates (2019-00-00) that straddle the peildatum make a
-- registration only POSSIBLE. The rules count certain registrations; possible ones are shown
-- next to them so that a reviewer sees the uncertainty.
CREATE OR REPLACE TEMP TABLE scan_residents AS
SELECT
    adresseerbaar_object_id,
    count(*) FILTER (WHERE certain AND functie_adres = 'W')               AS bewoners,
    count(*) FILTER (WHERE NOT certain AND functie_adres = 'W')           AS mogelijke_bewoners,
    count(*) FILTER (WHERE certain AND functie_adres = 'W' AND minor)     AS minderjarigen,
    count(*) FILTER (WHERE certain AND functie_adres = 'B')               AS briefadressen
FROM (
    SELECT
        adresseerbaar_object_id,
        functie_adres,
        aanvang_laatst <= getvariable('peildatum')
            AND einde_vroegst > getvariable('peildatum')                  AS certain,
        geboren_vroegst > getvariable('peildatum') - INTERVAL 18 YEAR     AS minor
    FROM brp
    WHERE aanvang_vroegst <= getvariable('peildatum')
      AND einde_laatst > getvariable('peildatum')
)
GROUP BY adresseerbaar_object_id;

-- Permits valid on the peildatum, per object.
CREATE OR REPLACE TEMP TABLE scan_permits AS
SELECT adresseerbaar_object_id, list_sort(list_distinct(list(soort))) AS soorten
FROM permits
WHERE geldig_van <= getvariable('peildatum')
  AND (geldig_tot IS NULL OR geldig_tot >= getvariable('peildatum'))
GROUP BY adresseerbaar_object_id;
