-- dim_author: one row is a person credited in a byline, by name as printed in Latin script.
CREATE TABLE IF NOT EXISTS dim_author (
    author_key         INTEGER PRIMARY KEY,
    author_name        VARCHAR NOT NULL UNIQUE,
    author_name_native VARCHAR       -- the same byline in another script ('이민지'), when printed
);
