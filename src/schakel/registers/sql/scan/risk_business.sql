-- SPDX-License-Identifier: EUPL-1.2
-- Rule `risk_business` (risicobranche op woonadres): a business of a risk sector at a dwelling.
--
-- In words: a KvK vestiging at the object has an SBI code from the municipality's risk list
-- (scan_risk_sbi: temporary-work agencies, construction, meat processing, cleaning, ...) and the
-- object has woonfunctie. A risk code matches itself and every longer code starting with it.
-- Weak on its own (most such businesses are harmless zzp'ers), so by default it only adds to
-- the score of an address that another rule lists.
CREATE OR REPLACE TEMP TABLE hit_risk_business AS
WITH activities AS (
    SELECT adresseerbaar_object_id, vestigingsnummer, naam,
           unnest(sbi_codes) AS sbi,
           generate_subscripts(sbi_codes, 1) AS positie
    FROM kvk
    WHERE adresseerbaar_object_id IS NOT NULL
),
prefixes AS (
    SELECT *, unnest(list_distinct([sbi[1:2], sbi[1:3], sbi[1:4], sbi[1:5]])) AS prefix
    FROM activities
),
matches AS (
    SELECT DISTINCT p.adresseerbaar_object_id, p.vestigingsnummer, p.naam, p.sbi, p.positie,
           r.code AS risicocode, r.omschrijving
    FROM prefixes p
    JOIN scan_risk_sbi r ON r.code = p.prefix
    JOIN bag o USING (adresseerbaar_object_id)
    WHERE list_has_any(o.gebruiksdoelen, getvariable('risk_business_at_gebruiksdoelen'))
),
per_establishment AS (
    SELECT adresseerbaar_object_id, vestigingsnummer, naam,
           list({'sbi': sbi, 'risicocode': risicocode, 'omschrijving': omschrijving,
                 'hoofdactiviteit': positie = 1} ORDER BY positie) AS activiteiten,
           string_agg(format('SBI {} {}{}', sbi, omschrijving,
                             CASE WHEN positie = 1 THEN ', hoofdactiviteit' ELSE '' END),
                      '; ' ORDER BY positie) AS tekst
    FROM matches
    GROUP BY ALL
)
SELECT
    adresseerbaar_object_id,
    to_json({
        'vestigingen': list({
            'vestigingsnummer': vestigingsnummer,
            'naam': naam,
            'activiteiten': activiteiten
        } ORDER BY vestigingsnummer)
    }) AS cijfers,
    'Vestiging in een risicobranche op een adres met woonfunctie: '
        || string_agg(format('{} ({})', naam, tekst), '; ' ORDER BY vestigingsnummer)
        || '.' AS uitleg
FROM per_establishment
GROUP BY adresseerbaar_object_id;
