-- dim_entity: one row is a real-world person, organization or place after canonicalization.
CREATE SEQUENCE IF NOT EXISTS seq_entity_key START 1;
CREATE TABLE IF NOT EXISTS dim_entity (
    entity_key     INTEGER PRIMARY KEY DEFAULT nextval('seq_entity_key'),
    canonical_name VARCHAR NOT NULL,
    entity_type    VARCHAR NOT NULL CHECK (entity_type IN ('PERSON', 'ORG', 'LOC', 'MISC')),
    country_code   VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    UNIQUE (canonical_name, entity_type)
);
