-- dim_entity: one row is a real-world person, organization or place after canonicalization.
CREATE TABLE IF NOT EXISTS dim_entity (
    entity_key     INTEGER PRIMARY KEY,
    canonical_name VARCHAR NOT NULL,
    entity_type    VARCHAR NOT NULL CHECK (entity_type IN ('PERSON', 'ORG', 'LOC', 'MISC')),
    country_code   VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    UNIQUE (canonical_name, entity_type)
);
