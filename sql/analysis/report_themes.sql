-- report_themes: one row is one topic of the taxonomy, over every day and source (latest versions only),
-- the topics found in the most articles first. Feeds the report's "Themes" chart.
SELECT t.label, t.theme_code, t.level, parent.label AS parent_label,
       sum(m.articles) AS articles,
       sum(m.articles_leading) AS articles_leading,
       round(sum(m.tone_compound * m.articles) / sum(m.articles), 3) AS tone_compound
FROM mart_theme_daily AS m
JOIN dim_theme AS t USING (theme_key)
LEFT JOIN dim_theme AS parent ON parent.theme_code = t.parent_code
GROUP BY ALL
ORDER BY articles DESC, articles_leading DESC, t.label
LIMIT $limit;
