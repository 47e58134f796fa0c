-- SPDX-License-Identifier: EUPL-1.2
-- Helpers shared by import and scan; TEMP so that they live in the connection, not the file.

-- Parts of a BRP-style date that may be partly unknown: 2019-05-17, 2019-05-00, 2019-00-00,
-- 2019-05, 2019, the LO GBA form 20190500, and 0000-00-00 / 00000000 for wholly unknown.
-- Returns {y, m, d} with 0 for an unknown part, or NULL when the text is not such a date.
CREATE OR REPLACE TEMP MACRO schakel_date_parts(s) AS (
    CASE
        WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}')
            THEN {'y': s[1:4]::INTEGER, 'm': s[6:7]::INTEGER, 'd': s[9:10]::INTEGER}
        WHEN regexp_full_match(s, '[0-9]{8}')
            THEN {'y': s[1:4]::INTEGER, 'm': s[5:6]::INTEGER, 'd': s[7:8]::INTEGER}
        WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}')
            THEN {'y': s[1:4]::INTEGER, 'm': s[6:7]::INTEGER, 'd': 0}
        WHEN regexp_full_match(s, '[0-9]{4}')
            THEN {'y': s[1:4]::INTEGER, 'm': 0, 'd': 0}
    END
);

-- Whether the parts form a possible date: an unknown part may only be followed by unknown parts.
CREATE OR REPLACE TEMP MACRO schakel_date_ok(p) AS (
    p IS NOT NULL AND (
        (p.y = 0 AND p.m = 0 AND p.d = 0)
        OR (p.y > 0 AND p.m = 0 AND p.d = 0)
        OR (p.y > 0 AND p.m BETWEEN 1 AND 12 AND p.d = 0)
        OR (p.y > 0 AND TRY_CAST(printf('%04d-%02d-%02d', p.y, p.m, p.d) AS DATE) IS NOT NULL)
    )
);

-- Earliest and latest day the (partly unknown) date can stand for.
CREATE OR REPLACE TEMP MACRO schakel_date_min(p) AS (
    CASE WHEN p.y = 0 THEN DATE '0001-01-01'
         ELSE make_date(p.y, greatest(p.m, 1), greatest(p.d, 1)) END
);
CREATE OR REPLACE TEMP MACRO schakel_date_max(p) AS (
    CASE WHEN p.y = 0 THEN DATE '9999-12-31'
         WHEN p.m = 0 THEN make_date(p.y, 12, 31)
         WHEN p.d = 0 THEN last_day(make_date(p.y, p.m, 1))
         ELSE make_date(p.y, p.m, p.d) END
);

-- The address key shared with the Django side (schakel.registers.scan.address_key):
-- POSTCODE|HUISNUMMER|HUISLETTER|TOEVOEGING, upper case, empty parts kept.
CREATE OR REPLACE TEMP MACRO schakel_address_key(postcode, huisnummer, huisletter, toevoeging) AS (
    upper(replace(coalesce(postcode, ''), ' ', '')) || '|' || coalesce(huisnummer::VARCHAR, '')
    || '|' || upper(trim(coalesce(huisletter, ''))) || '|' || upper(trim(coalesce(toevoeging, '')))
);

-- Dutch decimal notation for explanations: 5.25 → '5,3'; schakel_nl_number keeps whole
-- numbers whole (12 → '12', 12.5 → '12,5').
CREATE OR REPLACE TEMP MACRO schakel_nl_decimal(x) AS (replace(printf('%.1f', CAST(x AS DOUBLE)), '.', ','));
CREATE OR REPLACE TEMP MACRO schakel_nl_number(x) AS (
    CASE WHEN CAST(x AS DOUBLE) = round(CAST(x AS DOUBLE)) THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
         ELSE schakel_nl_decimal(x) END
);
