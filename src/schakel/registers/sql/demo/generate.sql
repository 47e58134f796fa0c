-- SPDX-License-Identifier: EUPL-1.2
-- Synthetic registers for demos, tests and benchmarks. Nothing here describes real people.
--
-- Inputs (SET VARIABLE): seed, peildatum, n_dwellings, n_other, n_kvk, unit, n_gemeenten.
-- Every random number is a hash of (seed, purpose, row), so the same seed gives the same
-- files at any scale and on any number of threads; no row-by-row loop is involved.
--
-- Background objects are built so that no scan rule fires on them (except risk_business on
-- its own, which is not listed). On top of that, `unit` times the numbers in demo_plan, planted
-- objects that each rule must find and control objects that no rule may list.

-- uniform number in [0, 1) for a purpose and a row
CREATE OR REPLACE TEMP MACRO demo_u(purpose, i) AS
    (hash(getvariable('seed'), purpose, i) % 1000003) / 1000003.0;
-- the day `days` days before the peildatum
CREATE OR REPLACE TEMP MACRO demo_before(days) AS
    getvariable('peildatum') - CAST(days AS INTEGER);
CREATE OR REPLACE TEMP MACRO demo_days(purpose, i, low, high) AS
    CAST(low + floor(demo_u(purpose, i) * (high - low + 1)) AS INTEGER);

-- What is planted, per unit (a municipality of 20,000 inhabitants has unit 1).
CREATE OR REPLACE TEMP TABLE demo_plan AS
SELECT * FROM (VALUES
    (1,  'occupancy',         'rule',    12),  -- overcrowded dwelling
    (2,  'churn',             'rule',     8),  -- 5-8 short stays in the last year
    (3,  'non_residential',   'rule',     8),  -- people living in an office or factory
    (4,  'risk_business',     'rule',     6),  -- overcrowded dwelling + temp agency there
    (5,  'known',             'rule',     4),  -- churn at an address already in Schakel
    (6,  'care_home',         'control',  3),  -- gezondheidszorgfunctie, many residents, turnover
    (7,  'large_family',      'control', 10),  -- 8-10 people, many children, in 160+ m²
    (8,  'logies',            'control',  3),  -- pension with logiesfunctie
    (9,  'logies_permit',     'rule',     2),  -- 11-12 m² per person with a logies permit: a
                                               -- hit under the 12 m² norm; a control only
                                               -- with the option permits_with_own_norm
    (10, 'boundary',          'control',  5),  -- exactly 12 m² per person
    (11, 'tiny_area',         'control',  2),  -- BAG area under 10 m² (a data error)
    (12, 'no_area',           'control',  2),  -- no BAG area
    (13, 'briefadres_office', 'control',  3),  -- briefadressen (B) at an office
    (14, 'old_churn',         'control',  3),  -- short stays, but two to three years ago
    (15, 'family_swap',       'control',  3),  -- a family of 4 out, one of 3 in: 7 < 8
    (16, 'freelancer',        'control', 20),  -- home-based business with a harmless SBI code
    (17, 'agency_office',     'control',  3),  -- temp agency in an office building
    (18, 'known_only',        'control',  3),  -- known address, nothing else
    (19, 'prison',            'control',  1),  -- celfunctie
    (20, 'churn_group',       'rule',     4)   -- 4 workers arrive together and leave together
) t(position, categorie, soort, per_unit);

-- 1. Objects ---------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE demo_objects AS
WITH dwellings AS (
    SELECT i AS idx, 'woning' AS categorie, demo_u('hh', i) AS u FROM range(getvariable('n_dwellings')) t(i)
),
sized AS (
    SELECT idx, categorie,
           CASE WHEN u < 0.03 THEN 0 WHEN u < 0.36 THEN 1 WHEN u < 0.68 THEN 2
                WHEN u < 0.81 THEN 3 WHEN u < 0.94 THEN 4 WHEN u < 0.99 THEN 5 ELSE 6 END AS k
    FROM dwellings
),
background AS (
    SELECT idx, categorie, k,
           CASE WHEN demo_u('mixed', idx) < 0.02 THEN ['kantoorfunctie', 'woonfunctie']
                ELSE ['woonfunctie'] END AS gebruiksdoelen,
           -- at least 35 m² + 10 m² per person: never below the 12 m² norm
           CASE WHEN demo_u('noarea', idx) < 0.003 THEN NULL
                ELSE CAST(35 + floor(pow(demo_u('area', idx), 2) * 180) + 10 * k AS INTEGER)
           END AS oppervlakte
    FROM sized
    UNION ALL
    SELECT getvariable('n_dwellings') + i, 'overig', 0,
           [CASE WHEN u < 0.30 THEN 'kantoorfunctie' WHEN u < 0.55 THEN 'winkelfunctie'
                 WHEN u < 0.75 THEN 'industriefunctie' WHEN u < 0.83 THEN 'bijeenkomstfunctie'
                 WHEN u < 0.87 THEN 'sportfunctie' WHEN u < 0.90 THEN 'onderwijsfunctie'
                 ELSE 'overige gebruiksfunctie' END],
           CAST(50 + floor(pow(demo_u('area-o', i), 2) * 2000) AS INTEGER)
    FROM (SELECT i, demo_u('use', i) AS u FROM range(getvariable('n_other')) t(i))
),
planted AS (
    SELECT getvariable('n_dwellings') + getvariable('n_other')
               + row_number() OVER (ORDER BY position, j) - 1 AS idx,
           categorie, j
    FROM (SELECT position, categorie, unnest(range(per_unit * getvariable('unit'))) AS j
          FROM demo_plan)
),
planted_sized AS (
    SELECT idx, categorie, demo_u('p-area', idx) AS u, demo_u('p-k', idx) AS u2 FROM planted
),
planted_objects AS (
    SELECT idx, categorie,
        CASE categorie
            WHEN 'non_residential' THEN
                [CASE WHEN u2 < 0.5 THEN 'kantoorfunctie' ELSE 'industriefunctie' END]
            WHEN 'care_home' THEN ['gezondheidszorgfunctie', 'woonfunctie']
            WHEN 'logies' THEN ['logiesfunctie']
            WHEN 'briefadres_office' THEN ['kantoorfunctie']
            WHEN 'agency_office' THEN ['kantoorfunctie']
            WHEN 'prison' THEN ['celfunctie']
            ELSE ['woonfunctie']
        END AS gebruiksdoelen,
        CASE categorie
            WHEN 'occupancy' THEN 30 + floor(u * 40)
            WHEN 'risk_business' THEN 30 + floor(u * 40)
            WHEN 'churn' THEN 90 + floor(u * 60)
            WHEN 'known' THEN 90 + floor(u * 60)
            WHEN 'churn_group' THEN 90 + floor(u * 60)
            WHEN 'non_residential' THEN 200 + floor(u * 600)
            WHEN 'care_home' THEN 800 + floor(u * 400)
            WHEN 'large_family' THEN 160 + floor(u * 60)
            WHEN 'logies' THEN 300 + floor(u * 200)
            WHEN 'logies_permit' THEN 133 + floor(u * 40)
            WHEN 'boundary' THEN 12 * (3 + floor(u2 * 3))
            WHEN 'tiny_area' THEN 5 + floor(u * 4)
            WHEN 'no_area' THEN NULL
            WHEN 'briefadres_office' THEN 150
            WHEN 'old_churn' THEN 120
            WHEN 'family_swap' THEN 130
            WHEN 'freelancer' THEN 100 + floor(u * 60)
            WHEN 'agency_office' THEN 300
            WHEN 'known_only' THEN 110
            WHEN 'prison' THEN 5000
        END::INTEGER AS oppervlakte,
        u2
    FROM planted_sized
)
SELECT idx, categorie, k, gebruiksdoelen, oppervlakte FROM background
UNION ALL
SELECT idx, categorie,
    CAST(CASE categorie
        -- strictly more people than area / 12 allows
        WHEN 'occupancy' THEN floor(oppervlakte / 12) + 2 + floor(u2 * 4)
        WHEN 'risk_business' THEN floor(oppervlakte / 12) + 2 + floor(u2 * 4)
        WHEN 'non_residential' THEN 2 + floor(u2 * 7)
        WHEN 'care_home' THEN floor(oppervlakte / 9)
        WHEN 'large_family' THEN 8 + floor(u2 * 3)
        WHEN 'logies' THEN floor(oppervlakte / 8)
        WHEN 'logies_permit' THEN floor(oppervlakte / 11)
        WHEN 'boundary' THEN oppervlakte / 12
        WHEN 'tiny_area' THEN 2
        WHEN 'no_area' THEN 6
        WHEN 'freelancer' THEN 1 + floor(u2 * 3)
        WHEN 'prison' THEN 150
        ELSE 0
    END AS INTEGER) AS k,
    gebruiksdoelen, oppervlakte
FROM planted_objects;

-- 2. Addresses and BAG ids: a hashed order mixes planted objects in with the rest -----------
CREATE OR REPLACE TEMP TABLE demo_bag AS
WITH numbered AS (
    SELECT *, row_number() OVER (ORDER BY hash(getvariable('seed'), 'serial', idx), idx) - 1 AS s
    FROM demo_objects
),
placed AS (
    SELECT *, s % getvariable('n_gemeenten') AS g, s // 20 AS pc FROM numbered
)
SELECT
    idx, categorie, k,
    lpad(CAST(1000 + g AS VARCHAR), 4, '0') || '01' || lpad(CAST(s + 1 AS VARCHAR), 10, '0')
        AS adresseerbaar_object_id,
    CAST(1000 + pc // 676 AS VARCHAR) || chr(CAST(65 + (pc % 676) // 26 AS INTEGER))
        || chr(CAST(65 + pc % 26 AS INTEGER)) AS postcode,
    CAST(1 + s % 20 AS INTEGER) AS huisnummer,
    CASE WHEN demo_u('letter', idx) < 0.03 THEN 'A' END AS huisletter,
    CASE WHEN demo_u('toev', idx) < 0.02 THEN '1' END AS huisnummertoevoeging,
    CASE WHEN getvariable('n_gemeenten') = 1 THEN 'Schakeldorp'
         ELSE 'Schakelstad ' || CAST(g + 1 AS VARCHAR) END AS woonplaats,
    oppervlakte,
    gebruiksdoelen,
    CAST(1900 + floor(demo_u('bouwjaar', idx) * 124) AS INTEGER) AS bouwjaar
FROM placed;

-- 3. Registration periods --------------------------------------------------------------------
-- A group is a number of people with the same start (and end) at one object; dates are days
-- before the peildatum. `minors` of them are children.
CREATE OR REPLACE TEMP TABLE demo_groups AS
WITH o AS (SELECT idx, categorie, k, demo_u('start', idx) AS u FROM demo_objects)
-- background households and most planted objects: everyone moved in together, long enough ago
SELECT idx, 'huishouden' AS groep, k AS n,
       CASE WHEN categorie = 'woning' THEN 1 + CAST(floor(u * 365 * 30) AS INTEGER)
            ELSE 400 + CAST(floor(u * 1500) AS INTEGER) END AS begin_days,
       NULL::INTEGER AS end_days, 'W' AS functie,
       CASE WHEN categorie = 'woning' THEN greatest(k - 2, 0)
            WHEN categorie = 'large_family' THEN k - 2 ELSE 0 END AS minors
FROM o
WHERE k > 0 AND categorie NOT IN ('care_home')
UNION ALL
-- care homes: long-term residents plus ten arrivals on separate days in the last year
SELECT idx, 'vast', k - 10, 2000, NULL, 'W', 0 FROM o WHERE categorie = 'care_home'
UNION ALL
SELECT idx, 'nieuw' || j, 1, 10 + 30 * j, NULL, 'W', 0
FROM (SELECT idx, unnest(range(10)) AS j FROM o WHERE categorie = 'care_home')
UNION ALL
-- churn: two steady residents and 5-8 short stays on separate days inside the window
SELECT idx, 'vast', 2, 1500, NULL, 'W', 0 FROM o WHERE categorie IN ('churn', 'known', 'old_churn')
UNION ALL
-- a group: one steady resident, and four workers who arrive on one day and leave on one day
-- inside the window: 8 registrations on 2 days
SELECT idx, 'vast', 1, 1700, NULL, 'W', 0 FROM o WHERE categorie = 'churn_group'
UNION ALL
SELECT idx, 'groep', 4, 300 - CAST(floor(u * 60) AS INTEGER), 60, 'W', 0
FROM o WHERE categorie = 'churn_group'
UNION ALL
SELECT idx, 'kort' || j, 1, 330 - 40 * j, 305 - 40 * j, 'W', 0
FROM (SELECT idx, unnest(range(5 + CAST(floor(u * 4) AS INTEGER))) AS j
      FROM o WHERE categorie IN ('churn', 'known'))
UNION ALL
-- old churn: eight short stays, all more than two years before the peildatum
SELECT idx, 'kort' || j, 1, 1000 - 30 * j, 980 - 30 * j, 'W', 0
FROM (SELECT idx, unnest(range(8)) AS j FROM o WHERE categorie = 'old_churn')
UNION ALL
-- family swap: a family of four leaves, the next day a family of three arrives: 7
-- registrations, one under the churn threshold of 8
SELECT idx, 'gezin-uit', 4, 3650, 200, 'W', 2 FROM o WHERE categorie = 'family_swap'
UNION ALL
SELECT idx, 'gezin-in', 3, 199, NULL, 'W', 1 FROM o WHERE categorie = 'family_swap'
UNION ALL
-- briefadressen at an office
SELECT idx, 'brief', 3, 600, NULL, 'B', 0 FROM o WHERE categorie = 'briefadres_office'
UNION ALL
SELECT idx, 'vast', 2, 1300, NULL, 'W', 0 FROM o WHERE categorie = 'known_only';

CREATE OR REPLACE TEMP TABLE demo_people AS
SELECT row_number() OVER (ORDER BY idx, groep, lid) AS pidx, *
FROM (
    SELECT g.idx, g.groep, unnest(range(g.n)) AS lid, g.n, g.begin_days, g.end_days,
           g.functie, g.minors, o.categorie
    FROM demo_groups g JOIN demo_objects o USING (idx)
);

-- every person's current (or, for short stays, only) registration, plus for 12% of the
-- background adults an earlier registration at another background dwelling
CREATE OR REPLACE TEMP TABLE demo_periods AS
WITH people AS (
    SELECT *,
           lid >= n - minors AS is_minor,
           -- a child in a group that has left was born before it left; in the family swap
           -- before the churn window, so that the control stays at 7 registrations (a baby
           -- registered at birth in the window would make it 8: a hit by definition)
           demo_before(CASE WHEN lid >= n - minors
               THEN demo_days('age-child', pidx,
                              CASE WHEN categorie = 'family_swap' THEN 400
                                   ELSE 30 + coalesce(end_days, 0) END, 17 * 365)
               ELSE demo_days('age-adult', pidx, 18 * 365 + 1, 85 * 365) END) AS geboren
    FROM demo_people
),
current AS (
    SELECT pidx, idx, categorie,
           -- a child born after the family moved in is registered from birth
           greatest(demo_before(begin_days), geboren) AS aanvang,
           demo_before(end_days) AS einde,
           geboren,
           CASE WHEN categorie = 'woning' AND demo_u('brief', pidx) < 0.005 THEN 'B'
                ELSE functie END AS functie
    FROM people
)
SELECT pidx, idx, aanvang, einde, geboren, functie, categorie, 'huidig' AS soort FROM current
UNION ALL
SELECT pidx,
       CAST(floor(demo_u('prev-obj', pidx) * getvariable('n_dwellings')) AS BIGINT),
       aanvang - demo_days('prev-len', pidx, 200, 3650),
       aanvang, geboren, 'W', 'woning', 'eerder'
FROM current
WHERE categorie = 'woning' AND demo_u('history', pidx) < 0.12
  AND aanvang - geboren > 18 * 365 + 3650;

-- dates as a BRP extract gives them, a few partly unknown (only where it cannot change a rule)
CREATE OR REPLACE TEMP MACRO demo_brp_date(d, purpose, i) AS (
    CASE
        WHEN d IS NULL THEN NULL
        WHEN d < getvariable('peildatum') - 3 * 365 AND demo_u(purpose, i) < 0.003
            THEN strftime(d, '%Y') || '-00-00'
        WHEN d < getvariable('peildatum') - 3 * 365 AND demo_u(purpose, i) < 0.013
            THEN strftime(d, '%Y-%m') || '-00'
        WHEN demo_u(purpose, i) < 0.015 THEN strftime(d, '%Y%m%d')
        ELSE strftime(d, '%Y-%m-%d')
    END
);

CREATE OR REPLACE TEMP TABLE demo_brp AS
SELECT
    'P' || lpad(CAST(p.pidx AS VARCHAR), 9, '0') AS persoon_id,
    b.adresseerbaar_object_id,
    demo_brp_date(p.aanvang, 'pd-a' || p.soort, p.pidx) AS datum_aanvang,
    demo_brp_date(p.einde, 'pd-e' || p.soort, p.pidx) AS datum_einde,
    demo_brp_date(p.geboren, 'pd-g', p.pidx) AS geboortedatum,
    p.functie AS functie_adres
FROM demo_periods p JOIN demo_bag b USING (idx);

-- 4. KvK vestigingen -------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE demo_sbi AS
SELECT row_number() OVER () - 1 AS n, * FROM (VALUES
    ('6201', 'Softwareontwikkeling'), ('7022', 'Advies'), ('7111', 'Architectenbureau'),
    ('9003', 'Atelier'), ('7410', 'Ontwerpstudio'), ('8559', 'Bijles'), ('4791', 'Webwinkel'),
    ('6910', 'Juridisch advies'), ('7311', 'Reclamebureau'), ('8690', 'Praktijk'),
    ('7490', 'Adviesbureau'), ('8551', 'Sportschool'), ('4778', 'Winkel'), ('6820', 'Verhuur'),
    ('4332', 'Timmerbedrijf'), ('4120', 'Bouwbedrijf'), ('4334', 'Schildersbedrijf'),
    ('56101', 'Restaurant'), ('96022', 'Nagelstudio'), ('4941', 'Transport'),
    ('8121', 'Schoonmaakbedrijf'), ('01131', 'Kwekerij'), ('78201', 'Uitzendbureau'),
    ('4520', 'Autobedrijf')
) t(sbi, naam);

CREATE OR REPLACE TEMP TABLE demo_kvk AS
WITH planted AS (
    SELECT idx, categorie FROM demo_objects
    WHERE categorie IN ('risk_business', 'freelancer', 'agency_office')
),
planted_rows AS (
    SELECT idx, row_number() OVER (ORDER BY idx) AS v,
           CASE categorie
               WHEN 'risk_business' THEN
                   CASE WHEN demo_u('rb', idx) < 0.5 THEN ['78201', '4120'] ELSE ['7820'] END
               WHEN 'agency_office' THEN ['78201']
               ELSE [(['6201', '7111', '7022', '9003', '7410'])[1 + CAST(floor(demo_u('fl', idx) * 5) AS INTEGER)]]
           END AS sbi_codes,
           CASE categorie WHEN 'freelancer' THEN 'Zelfstandige' ELSE 'Uitzendbureau' END AS naam
    FROM planted
),
background AS (
    SELECT i, CASE WHEN demo_u('kvk-where', i) < 0.7
                   THEN CAST(floor(demo_u('kvk-obj', i) * getvariable('n_dwellings')) AS BIGINT)
                   ELSE getvariable('n_dwellings')
                        + CAST(floor(demo_u('kvk-obj', i) * getvariable('n_other')) AS BIGINT)
              END AS idx,
           CAST(floor(demo_u('kvk-sbi', i) * 24) AS INTEGER) AS s1,
           CASE WHEN demo_u('kvk-2nd', i) < 0.2
                THEN CAST(floor(demo_u('kvk-sbi2', i) * 24) AS INTEGER) END AS s2
    FROM range(greatest(getvariable('n_kvk') - (SELECT count(*) FROM planted), 0)) t(i)
),
background_rows AS (
    SELECT b.idx, (SELECT count(*) FROM planted) + b.i + 1 AS v,
           list_distinct(list_filter([a.sbi, c.sbi], lambda x: x IS NOT NULL)) AS sbi_codes,
           a.naam
    FROM background b
    JOIN demo_sbi a ON a.n = b.s1
    LEFT JOIN demo_sbi c ON c.n = b.s2
),
all_rows AS (
    SELECT * FROM planted_rows UNION ALL SELECT * FROM background_rows
)
SELECT
    CAST(10000000 + v AS VARCHAR) AS kvk_nummer,
    lpad(CAST(100000000 + v AS VARCHAR), 12, '0') AS vestigingsnummer,
    'Demo ' || naam || ' ' || CAST(v AS VARCHAR) AS naam,
    b.adresseerbaar_object_id,
    r.sbi_codes
FROM all_rows r JOIN demo_bag b USING (idx);

-- 5. Permits ---------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE demo_permits AS
WITH chosen AS (
    SELECT idx, 'logies' AS soort, 730 AS since, -365 AS until FROM demo_objects
    WHERE categorie IN ('logies', 'logies_permit')
    UNION ALL
    SELECT idx, CASE WHEN u < 0.010 THEN 'verhuurvergunning' ELSE 'kamerverhuur' END,
           demo_days('perm-since', idx, 30, 3000),
           CASE WHEN demo_u('perm-exp', idx) < 0.2 THEN demo_days('perm-until', idx, 1, 29)
                ELSE -demo_days('perm-until', idx, 30, 2000) END
    FROM (SELECT idx, demo_u('permit', idx) AS u FROM demo_objects WHERE categorie = 'woning')
    WHERE u < 0.015
    UNION ALL
    SELECT idx, 'seksbedrijf', demo_days('perm-since', idx, 30, 3000), NULL
    FROM demo_objects WHERE categorie = 'overig' AND demo_u('sex', idx) < 0.001
)
SELECT b.adresseerbaar_object_id, c.soort,
       demo_before(c.since) AS geldig_van,
       demo_before(c.until) AS geldig_tot
FROM chosen c JOIN demo_bag b USING (idx);

-- 6. Ground truth ----------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE demo_truth AS
SELECT p.categorie, p.soort, p.position, b.adresseerbaar_object_id,
       schakel_address_key(b.postcode, b.huisnummer, b.huisletter, b.huisnummertoevoeging)
           AS adres_sleutel
FROM demo_bag b JOIN demo_plan p USING (categorie);
