-- dim_date: one row is a calendar day, plus the unknown member (date_key -1, date NULL)
-- for articles whose text gives no date. Days run without gaps from the first to the last
-- publication day loaded.
CREATE TABLE IF NOT EXISTS dim_date (
    date_key    INTEGER PRIMARY KEY,     -- yyyymmdd
    date        DATE UNIQUE,
    year        SMALLINT,
    quarter     TINYINT,
    month       TINYINT,
    month_name  VARCHAR,
    day         TINYINT,
    day_of_week TINYINT,                 -- ISO: Monday 1 .. Sunday 7
    day_name    VARCHAR,
    iso_week    TINYINT,
    is_weekend  BOOLEAN
);
