-- mart_syndication_graph: one row is one pair of articles (their latest versions) that share
-- paragraphs, with their outlets and the likely origin when the publication times tell.
-- Answers: which outlet republished whose copy, and how much of it?
CREATE OR REPLACE VIEW mart_syndication_graph AS
SELECT
    o.article_key_a, o.article_key_b, o.shared_paragraphs, o.similarity, o.origin_article_key,
    a.source_file AS file_a, b.source_file AS file_b,
    coalesce(sa.source_name, '(unknown)') AS publisher_a, coalesce(sb.source_name, '(unknown)') AS publisher_b,
    wa.source_name AS wire_a, wb.source_name AS wire_b,
    a.headline AS headline_a, b.headline AS headline_b,
    a.published_at AS published_a, b.published_at AS published_b
FROM fact_article_overlap AS o
JOIN fact_article AS a ON a.article_key = o.article_key_a
JOIN fact_article AS b ON b.article_key = o.article_key_b
LEFT JOIN dim_source AS sa ON sa.source_key = a.source_key
LEFT JOIN dim_source AS sb ON sb.source_key = b.source_key
LEFT JOIN dim_source AS wa ON wa.source_key = a.wire_source_key
LEFT JOIN dim_source AS wb ON wb.source_key = b.wire_source_key
WHERE a.is_latest AND b.is_latest;
