-- SPDX-License-Identifier: EUPL-1.2
-- Rule `occupancy` (bewoningsgraad): too little floor area per registered resident.
--
-- In words: an object where the BAG floor area (gebruiksoppervlakte) divided by the number of
-- people registered there with a woonadres (W) on the peildatum is below the norm: 12 m² per
-- person, Bouwbesluit 2012 art. 7.18, the same unit as the BAG (NEN 2580). This is the LAA
-- profile "bewoningsgraad" with a published threshold. Exactly the norm is not below it.
-- Not looked at: objects with logies-, gezondheidszorg- or celfunctie (care homes register
-- residents under one building address); objects without a floor area or under min_area_m2 (a
-- BAG data error, not overcrowding). Options, off by default: required_gebruiksdoelen (e.g.
-- only woonfunctie) and permits_with_own_norm (a valid permit of that kind, e.g. logies, is
-- held to norm_for_permits_m2 instead).
CREATE OR REPLACE TEMP TABLE hit_occupancy AS
WITH candidates AS (
    SELECT
        o.adresseerbaar_object_id,
        o.oppervlakte,
        r.bewoners,
        r.mogelijke_bewoners,
        r.minderjarigen,
        CASE WHEN list_has_any(coalesce(p.soorten, []),
                               getvariable('occupancy_permits_with_own_norm'))
             THEN getvariable('occupancy_norm_for_permits_m2')
             ELSE getvariable('occupancy_norm_m2') END AS norm_m2
    FROM bag o
    JOIN scan_residents r USING (adresseerbaar_object_id)
    LEFT JOIN scan_permits p USING (adresseerbaar_object_id)
    WHERE r.bewoners > 0
      AND o.oppervlakte IS NOT NULL
      AND o.oppervlakte >= getvariable('occupancy_min_area_m2')
      AND (len(getvariable('occupancy_required_gebruiksdoelen')) = 0
           OR list_has_any(o.gebruiksdoelen, getvariable('occupancy_required_gebruiksdoelen')))
      AND NOT list_has_any(o.gebruiksdoelen, getvariable('occupancy_exclude_gebruiksdoelen'))
)
SELECT
    adresseerbaar_object_id,
    to_json({
        'oppervlakte_m2': oppervlakte,
        'bewoners': bewoners,
        'm2_per_bewoner': round(oppervlakte / bewoners, 1),
        'norm_m2': norm_m2,
        'mogelijke_bewoners': mogelijke_bewoners,
        'minderjarigen': minderjarigen
    }) AS cijfers,
    format('{} m² gebruiksoppervlakte voor {} ingeschreven bewoners: {} m² per persoon, onder de '
           'norm van {} m² per persoon{}.',
           oppervlakte, bewoners, schakel_nl_decimal(oppervlakte / bewoners),
           schakel_nl_number(norm_m2),
           CASE WHEN minderjarigen > 0 THEN format(' ({} van hen minderjarig)', minderjarigen)
                ELSE '' END) AS uitleg
FROM candidates
WHERE oppervlakte < norm_m2 * bewoners;
