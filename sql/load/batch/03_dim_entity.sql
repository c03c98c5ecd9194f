-- Add the entities the new articles mention or quote; known ones keep their key. Coordinates and
-- a country code fill in when a later batch knows them.
INSERT INTO dim_entity (entity_key, canonical_name, entity_type, country_code, latitude, longitude)
SELECT (SELECT coalesce(max(entity_key), 0) FROM dim_entity)
           + row_number() OVER (ORDER BY e.entity_type, e.canonical_name),
       e.canonical_name, e.entity_type, e.country_code, e.latitude, e.longitude
FROM stg_entity AS e
WHERE (EXISTS (SELECT 1 FROM stg_mention AS m
               WHERE m.canonical_name = e.canonical_name AND m.entity_type = e.entity_type)
       OR EXISTS (SELECT 1 FROM stg_quote AS q
                  WHERE q.speaker_name = e.canonical_name AND q.speaker_type = e.entity_type))
  AND NOT EXISTS (SELECT 1 FROM dim_entity AS d
                  WHERE d.canonical_name = e.canonical_name AND d.entity_type = e.entity_type)
ORDER BY e.entity_type, e.canonical_name;

UPDATE dim_entity AS d
SET country_code = e.country_code, latitude = e.latitude, longitude = e.longitude
FROM stg_entity AS e
WHERE d.canonical_name = e.canonical_name AND d.entity_type = e.entity_type
  AND d.latitude IS NULL AND e.latitude IS NOT NULL;
