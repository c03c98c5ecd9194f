-- Add authors credited by the new articles; a native-script name fills in when first seen.
INSERT INTO dim_author (author_key, author_name, author_name_native)
SELECT (SELECT coalesce(max(author_key), 0) FROM dim_author) + row_number() OVER (ORDER BY author_name),
       author_name, max(author_name_native)
FROM stg_author
WHERE author_name NOT IN (SELECT author_name FROM dim_author)
GROUP BY author_name
ORDER BY author_name;

UPDATE dim_author AS d
SET author_name_native = s.author_name_native
FROM (SELECT author_name, max(author_name_native) AS author_name_native
      FROM stg_author WHERE author_name_native IS NOT NULL GROUP BY author_name) AS s
WHERE d.author_name = s.author_name AND d.author_name_native IS NULL;
