-- Add the taxonomy's topics that dim_theme lacks (stg_theme: flows/data/themes.toml, every batch);
-- known topics keep their key and take the taxonomy's current label and description.
INSERT INTO dim_theme (theme_key, theme_code, label, description, parent_code, level)
SELECT (SELECT coalesce(max(theme_key), 0) FROM dim_theme) + row_number() OVER (ORDER BY t.theme_code),
       t.theme_code, t.label, t.description, t.parent_code, t.level
FROM stg_theme AS t
WHERE t.theme_code NOT IN (SELECT theme_code FROM dim_theme)
ORDER BY t.theme_code;

UPDATE dim_theme AS d
SET label = t.label, description = t.description, parent_code = t.parent_code, level = t.level
FROM stg_theme AS t
WHERE d.theme_code = t.theme_code
  AND (d.label <> t.label OR d.description IS DISTINCT FROM t.description
       OR d.parent_code IS DISTINCT FROM t.parent_code OR d.level <> t.level);
