-- report_syndication: one row is one article pair sharing paragraphs, labelled by outlet, with which
-- side is the original when the publication times tell (origin_article_key; NULL: they do not).
SELECT article_key_a, article_key_b, shared_paragraphs, similarity, origin_article_key,
       coalesce(nullif(publisher_a, '(unknown)'), wire_a, file_a) AS label_a,
       coalesce(nullif(publisher_b, '(unknown)'), wire_b, file_b) AS label_b,
       file_a, file_b, headline_a, headline_b
FROM mart_syndication_graph
ORDER BY shared_paragraphs DESC, similarity DESC LIMIT $limit;
