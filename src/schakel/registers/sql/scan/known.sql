-- SPDX-License-Identifier: EUPL-1.2
-- Rule `known` (al bekend): the address already appears in Schakel.
--
-- In words: the object's address (postcode, huisnummer, huisletter, toevoeging) is one of the
-- address keys passed in by the caller: addresses of signals and open cases that the user may
-- see. The scan itself reads no signal or case content; it only gets the keys.
CREATE OR REPLACE TEMP TABLE hit_known AS
SELECT
    o.adresseerbaar_object_id,
    to_json({'adres_sleutel': k.adres_sleutel}) AS cijfers,
    'Dit adres komt al voor in een melding of open casus in Schakel.' AS uitleg
FROM scan_known k
JOIN bag o ON o.postcode = split_part(k.adres_sleutel, '|', 1)  -- narrows 9 million objects fast
WHERE k.adres_sleutel = schakel_address_key(o.postcode, o.huisnummer, o.huisletter,
                                            o.huisnummertoevoeging);
