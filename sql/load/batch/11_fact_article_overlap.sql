-- Pair each article version of this batch with every loaded one it shares paragraphs with. Candidates share
-- an LSH band; a paragraph pair counts when at least half its MinHash values agree (estimated
-- Jaccard >= 0.5) and the text they share is some 20 words or more, so a stock phrase
-- ("the ministry said, without specifying details") never makes a pair.
-- Two versions of one article (the same file, edited) are not copies of each other.
-- The likely origin is the one published first, when both times say so at finer than a day.
INSERT INTO fact_article_overlap (article_key_a, article_key_b, shared_paragraphs, similarity,
                                  origin_article_key)
WITH new_bands AS (
    SELECT b.* FROM paragraph_band AS b
    JOIN fact_article AS f USING (article_key)
    WHERE f.content_sha256 IN (SELECT content_sha256 FROM stg_article)
),
candidates AS (
    SELECT DISTINCT least(n.article_key, o.article_key) AS key_a, greatest(n.article_key, o.article_key) AS key_b,
           CASE WHEN n.article_key < o.article_key THEN n.paragraph_no ELSE o.paragraph_no END AS para_a,
           CASE WHEN n.article_key < o.article_key THEN o.paragraph_no ELSE n.paragraph_no END AS para_b
    FROM new_bands AS n
    JOIN paragraph_band AS o ON o.band_no = n.band_no AND o.band_hash = n.band_hash
    JOIN fact_article AS fn ON fn.article_key = n.article_key
    JOIN fact_article AS fo ON fo.article_key = o.article_key
    WHERE fo.article_id <> fn.article_id
),
scored AS (
    SELECT c.key_a, c.key_b, c.para_a, x.word_count + y.word_count AS words,
           list_sum(list_transform(range(1, len(x.minhash) + 1), i -> (x.minhash[i] = y.minhash[i])::INTEGER))
               / len(x.minhash) AS similarity
    FROM candidates AS c
    JOIN fact_paragraph AS x ON x.article_key = c.key_a AND x.paragraph_no = c.para_a
    JOIN fact_paragraph AS y ON y.article_key = c.key_b AND y.paragraph_no = c.para_b
),
pairs AS (
    SELECT key_a, key_b, count(DISTINCT para_a) AS shared_paragraphs, avg(best) AS similarity
    FROM (SELECT key_a, key_b, para_a, max(similarity) AS best FROM scored
          WHERE similarity >= 0.5 AND similarity / (1 + similarity) * words >= 20 GROUP BY ALL)
    GROUP BY ALL
)
SELECT p.key_a, p.key_b, p.shared_paragraphs, round(p.similarity, 4),
       CASE WHEN fa.published_precision <> 'day' AND fb.published_precision <> 'day'
                 AND fa.published_at <> fb.published_at
            THEN CASE WHEN fa.published_at < fb.published_at THEN p.key_a ELSE p.key_b END
            WHEN fa.date_key <> -1 AND fb.date_key <> -1 AND fa.date_key <> fb.date_key
            THEN CASE WHEN fa.date_key < fb.date_key THEN p.key_a ELSE p.key_b END
       END
FROM pairs AS p
JOIN fact_article AS fa ON fa.article_key = p.key_a
JOIN fact_article AS fb ON fb.article_key = p.key_b
WHERE NOT EXISTS (SELECT 1 FROM fact_article_overlap AS e
                  WHERE e.article_key_a = p.key_a AND e.article_key_b = p.key_b)
ORDER BY p.key_a, p.key_b;
