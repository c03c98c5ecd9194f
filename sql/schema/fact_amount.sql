-- fact_amount: one row is one counted quantity in an article body ('two short-range ballistic
-- missiles': amount 2, counted 'short-range ballistic missiles'). Offsets are into fact_article.body.
CREATE TABLE IF NOT EXISTS fact_amount (
    article_key  BIGINT NOT NULL,
    amount       DOUBLE NOT NULL,
    amount_high  DOUBLE,               -- a vague count ('tens of millions') is the range [amount, amount_high)
    counted      VARCHAR NOT NULL,     -- the thing counted, as written; a currency sign's currency
    surface_form VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    PRIMARY KEY (article_key, char_start)
);
