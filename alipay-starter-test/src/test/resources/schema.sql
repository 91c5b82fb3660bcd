CREATE TABLE IF NOT EXISTS orders (
    out_trade_no VARCHAR(64) PRIMARY KEY,
    title        VARCHAR(256) NOT NULL,
    amount       DECIMAL(12, 2) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    trade_no     VARCHAR(64)
);
