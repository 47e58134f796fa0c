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

-- The same for a text, with a fast path for the common case of a complete date (2019-05-17),
-- so that an 18-million-row extract does not go through the part-by-part route.
CREATE OR REPLACE TEMP MACRO schakel_full_date(s) AS (
    CASE WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(s AS DATE) END
);
CREATE OR REPLACE TEMP MACRO schakel_date_valid(s) AS (
    CASE WHEN schakel_full_date(s) IS NOT NULL THEN true
         ELSE schakel_date_ok(schakel_date_parts(s)) END
);
CREATE OR REPLACE TEMP MACRO schakel_date_from(s) AS (
    coalesce(schakel_full_date(s), schakel_date_min(schakel_date_parts(s)))
);
CREATE OR REPLACE TEMP MACRO schakel_date_until(s) AS (
    coalesce(schakel_full_date(s), schakel_date_max(schakel_date_parts(s)))
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
