-- SPDX-License-Identifier: EUPL-1.2
-- Storage of the imported registers and the logs. Only the columns listed here are ever
-- stored: every other column of an imported file is dropped while reading (data minimisation).

CREATE TABLE IF NOT EXISTS bag (
    adresseerbaar_object_id VARCHAR NOT NULL,   -- 16 digits, the join key of all registers
    postcode                VARCHAR NOT NULL,   -- normalised: 1234AB
    huisnummer              INTEGER NOT NULL,
    huisletter              VARCHAR,            -- upper case
    huisnummertoevoeging    VARCHAR,            -- upper case
    woonplaats              VARCHAR,
    oppervlakte             INTEGER,            -- gebruiksoppervlakte in m² (NEN 2580); NULL if unknown
    gebruiksdoelen          VARCHAR[] NOT NULL, -- sorted, lower case BAG values
    bouwjaar                SMALLINT
);

-- One row per registration period of a person at an object. Partly unknown dates keep the
-- delivered text and get an earliest/latest possible day; 0001-01-01 and 9999-12-31 stand for
-- "unknown" at either end, and einde_* is 9999-12-31 while the registration is current.
CREATE TABLE IF NOT EXISTS brp (
    persoon_id              VARCHAR NOT NULL,   -- a pseudonym, never a BSN
    adresseerbaar_object_id VARCHAR NOT NULL,
    datum_aanvang           VARCHAR NOT NULL,
    aanvang_vroegst         DATE NOT NULL,
    aanvang_laatst          DATE NOT NULL,
    datum_einde             VARCHAR,            -- NULL while current
    einde_vroegst           DATE NOT NULL,
    einde_laatst            DATE NOT NULL,
    geboortedatum           VARCHAR,            -- optional; only used to show the number of minors
    geboren_vroegst         DATE,
    geboren_laatst          DATE,
    functie_adres           VARCHAR NOT NULL    -- W (woonadres) or B (briefadres)
);

CREATE TABLE IF NOT EXISTS kvk (
    kvk_nummer              VARCHAR NOT NULL,
    vestigingsnummer        VARCHAR NOT NULL,
    naam                    VARCHAR NOT NULL,
    adresseerbaar_object_id VARCHAR,            -- NULL when the KvK gives no BAG id
    sbi_codes               VARCHAR[] NOT NULL  -- main activity first
);

CREATE TABLE IF NOT EXISTS permits (
    adresseerbaar_object_id VARCHAR NOT NULL,
    soort                   VARCHAR NOT NULL,   -- seksbedrijf, verhuurvergunning, kamerverhuur, logies
    geldig_van              DATE NOT NULL,
    geldig_tot              DATE                -- NULL: no end date
);

CREATE SEQUENCE IF NOT EXISTS import_log_seq;
CREATE TABLE IF NOT EXISTS import_log (
    id              BIGINT DEFAULT nextval('import_log_seq'),
    kind            VARCHAR NOT NULL,
    file_name       VARCHAR NOT NULL,
    file_bytes      BIGINT,
    rows            BIGINT NOT NULL,
    dropped_columns VARCHAR[],
    actor           VARCHAR NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL,
    seconds         DOUBLE
);

CREATE SEQUENCE IF NOT EXISTS scan_log_seq;
CREATE TABLE IF NOT EXISTS scan_log (
    id              BIGINT DEFAULT nextval('scan_log_seq'),
    started_at      TIMESTAMPTZ NOT NULL,
    actor           VARCHAR NOT NULL,
    peildatum       DATE NOT NULL,
    config          JSON NOT NULL,              -- all thresholds and weights of this run
    known_addresses BIGINT NOT NULL,            -- how many address keys were passed in
    objects_scanned BIGINT NOT NULL,
    hits            BIGINT NOT NULL,
    seconds         DOUBLE NOT NULL
);
