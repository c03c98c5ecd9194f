-- Keep the calendar whole from the first to the last publication day, plus the unknown member.
INSERT INTO dim_date
SELECT -1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
WHERE NOT EXISTS (SELECT 1 FROM dim_date WHERE date_key = -1);

INSERT INTO dim_date
SELECT
    CAST(strftime(d, '%Y%m%d') AS INTEGER), d, year(d), quarter(d), month(d), monthname(d),
    day(d), isodow(d), dayname(d), weekofyear(d), isodow(d) >= 6
FROM (
    SELECT CAST(unnest(generate_series(min(day), max(day), INTERVAL 1 DAY)) AS DATE) AS d
    FROM (SELECT strptime(CAST(date_key AS VARCHAR), '%Y%m%d') AS day
          FROM fact_article WHERE date_key <> -1)
) AS calendar
WHERE d IS NOT NULL AND d NOT IN (SELECT date FROM dim_date WHERE date IS NOT NULL);
