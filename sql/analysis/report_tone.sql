-- report_tone: one row is one source (the publisher, else the wire service) on one publication day,
-- over all its articles (latest versions only); undated articles are left out.
-- Feeds the report's "Tone over time" chart.
SELECT source_name, day, articles, tone_compound, tone_positive, tone_negative
FROM mart_tone_daily
WHERE entity_key IS NULL AND day IS NOT NULL
ORDER BY day, source_name;
