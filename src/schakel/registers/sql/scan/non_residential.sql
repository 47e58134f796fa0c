-- SPDX-License-Identifier: EUPL-1.2
-- Rule `non_residential` (wonen zonder woonfunctie): people living where nobody should.
--
-- In words: at least `non_residential_min_persons` people are registered with a woonadres (W)
-- on the peildatum at an object that has none of the residential gebruiksdoelen (woon-, logies-,
-- gezondheidszorg- or celfunctie), such as an office, shop or industrial unit. A briefadres (B)
-- at a business address is normal and does not count.
CREATE OR REPLACE TEMP TABLE hit_non_residential AS
SELECT
    o.adresseerbaar_object_id,
    to_json({
        'bewoners': r.bewoners,
        'gebruiksdoelen': o.gebruiksdoelen,
        'oppervlakte_m2': o.oppervlakte,
        'mogelijke_bewoners': r.mogelijke_bewoners
    }) AS cijfers,
    format('{} {} ingeschreven met woonadres in een object zonder woonfunctie '
           '(gebruiksdoel: {}).', r.bewoners,
           CASE WHEN r.bewoners = 1 THEN 'persoon' ELSE 'personen' END,
           array_to_string(o.gebruiksdoelen, ', ')) AS uitleg
FROM bag o
JOIN scan_residents r USING (adresseerbaar_object_id)
WHERE r.bewoners >= getvariable('non_residential_min_persons')
  AND r.bewoners > 0
  AND NOT list_has_any(o.gebruiksdoelen,
                       getvariable('non_residential_residential_gebruiksdoelen'));
