-- report_stories: one row is one story (news event) with its latest articles (headline, outlet, day)
-- in publication order; the biggest stories first.
SELECT s.story_key, s.label, count(*) AS articles,
       list({'headline': coalesce(a.headline, left(a.body, 90) || '…'),
             'outlet': coalesce(p.source_name, w.source_name), 'day': d.date}
            ORDER BY a.published_at NULLS LAST, a.source_file) AS members
FROM fact_article AS a
JOIN dim_story AS s USING (story_key)
JOIN dim_date AS d USING (date_key)
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS w ON w.source_key = a.wire_source_key
WHERE a.is_latest
GROUP BY s.story_key, s.label
ORDER BY articles DESC, min(a.published_at) NULLS LAST, s.story_key
LIMIT $limit;
