-- Add publishers and wire services named by the new articles; outlet facts come from stg_outlet.
INSERT INTO dim_source (source_key, source_name, source_kind, timezone, country_code)
SELECT (SELECT coalesce(max(source_key), 0) FROM dim_source) + row_number() OVER (ORDER BY n.source_name),
       n.source_name, o.kind, o.timezone, o.country
FROM (
    SELECT publisher AS source_name FROM stg_article WHERE publisher IS NOT NULL
    UNION
    SELECT wire_service FROM stg_article WHERE wire_service IS NOT NULL
) AS n
LEFT JOIN stg_outlet AS o ON o.name = n.source_name
WHERE n.source_name NOT IN (SELECT source_name FROM dim_source)
ORDER BY n.source_name;
