-- int_latest_articles: one row is one article in its latest version, with its publication day
-- (NULL: undated) and its source: the publisher, else the wire service (NULL: neither known).
-- The base of the marts and the report, so that "latest version" and "source" mean one thing.
-- Named int_ so that it is created before the mart_ views (they are created in name order).
CREATE OR REPLACE VIEW int_latest_articles AS
SELECT a.*, d.date AS day, coalesce(p.source_name, w.source_name) AS source_name
FROM fact_article AS a
JOIN dim_date AS d USING (date_key)
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS w ON w.source_key = a.wire_source_key
WHERE a.is_latest;
