-- report_stories: one row is one story (news event) with its latest articles (headline, outlet, day)
-- in publication order; the biggest stories first.
SELECT s.story_key, s.label, count(*) AS articles,
       list({'headline': coalesce(a.headline, left(a.body, 90) || '…'),
             'outlet': a.source_name, 'day': a.day}
            ORDER BY a.published_at NULLS LAST, a.source_file) AS members
FROM int_latest_articles AS a
JOIN dim_story AS s USING (story_key)
GROUP BY s.story_key, s.label
ORDER BY articles DESC, min(a.published_at) NULLS LAST, s.story_key
LIMIT $limit;
