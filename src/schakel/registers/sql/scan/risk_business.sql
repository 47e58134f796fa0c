-- SPDX-License-Identifier: EUPL-1.2
-- Rule `risk_business` (risicobranche op woonadres): a business of a risk sector at a dwelling.
--
-- In words: a KvK vestiging at the object has an SBI code from the municipality's risk list
-- (scan_risk_sbi: temporary-work agencies, construction, meat processing, cleaning, ...) and the
-- object has woonfunctie. A risk code matches itself and every longer code starting with it.
-- Weak on its own (most such businesses are harmless zzp'ers), so by default it only adds to
-- the score of an address that another rule lists.
CREATE OR REPLACE TEMP TABLE hit_risk_business AS
WITH risky_codes AS (
    -- the few hundred distinct SBI codes in the file, each matched to the longest risk code
    -- it starts with; the establishments are then joined on equal codes
    SELECT s.sbi, r.code AS risicocode, r.omschrijving
    FROM (SELECT DISTINCT unnest(sbi_codes) AS sbi FROM kvk) s
    JOIN scan_risk_sbi r ON starts_with(s.sbi, r.code)
    QUALIFY row_number() OVER (PARTITION BY s.sbi ORDER BY length(r.code) DESC) = 1
),
activities AS (
    SELECT adresseerbaar_object_id, vestigingsnummer, naam,
           unnest(sbi_codes) AS sbi,
           generate_subscripts(sbi_codes, 1) AS positie
    FROM kvk
    WHERE adresseerbaar_object_id IS NOT NULL
),
dwellings AS (
    SELECT adresseerbaar_object_id FROM bag
    WHERE list_has_any(gebruiksdoelen, getvariable('risk_business_at_gebruiksdoelen'))
),
matches AS (
    SELECT DISTINCT a.adresseerbaar_object_id, a.vestigingsnummer, a.naam, a.sbi, a.positie,
           r.risicocode, r.omschrijving
    FROM activities a
    JOIN risky_codes r USING (sbi)
    SEMI JOIN dwellings d USING (adresseerbaar_object_id)
),
per_establishment AS (
    -- list_sort on structs sorts by their first field: activities by position (main activity
    -- first), establishments by number; cheaper than ordered aggregates at national scale
    SELECT adresseerbaar_object_id, vestigingsnummer, naam,
           list_sort(list({'positie': positie, 'hoofdactiviteit': positie = 1, 'sbi': sbi,
                           'risicocode': risicocode, 'omschrijving': omschrijving}))
               AS activiteiten
    FROM matches
    GROUP BY ALL
),
per_object AS (
    SELECT adresseerbaar_object_id,
           list_sort(list({'vestigingsnummer': vestigingsnummer, 'naam': naam,
                           'activiteiten': activiteiten})) AS vestigingen
    FROM per_establishment
    GROUP BY adresseerbaar_object_id
)
SELECT
    adresseerbaar_object_id,
    to_json({'vestigingen': vestigingen}) AS cijfers,
    'Vestiging in een risicobranche op een adres met woonfunctie: '
        || array_to_string(list_transform(vestigingen, lambda v:
               v.naam || ' (' || array_to_string(list_transform(v.activiteiten, lambda a:
                   'SBI ' || a.sbi || ' ' || a.omschrijving
                   || CASE WHEN a.hoofdactiviteit THEN ', hoofdactiviteit' ELSE '' END), '; ')
               || ')'), '; ')
        || '.' AS uitleg
FROM per_object;
