CREATE TABLE IF NOT EXISTS orders (
    out_trade_no   VARCHAR(64)    NOT NULL PRIMARY KEY,
    subject        VARCHAR(256)   NOT NULL,
    body           VARCHAR(1000),
    total_fee      DECIMAL(12, 2) NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    trade_no       VARCHAR(64),
    buyer          VARCHAR(256),
    paid_at        TIMESTAMP,
    paid_callbacks INT            DEFAULT 0 NOT NULL,
    created_at     TIMESTAMP      NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_created_at ON orders (created_at);
