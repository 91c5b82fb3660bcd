-- DATETIME, not TIMESTAMP: MySQL would convert TIMESTAMP through the session time zone and, with
-- explicit_defaults_for_timestamp off, give it ON UPDATE CURRENT_TIMESTAMP.
CREATE TABLE IF NOT EXISTS orders (
    out_trade_no   VARCHAR(64)    NOT NULL PRIMARY KEY,
    subject        VARCHAR(256)   NOT NULL,
    body           VARCHAR(1000),
    total_fee      DECIMAL(12, 2) NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    trade_no       VARCHAR(64),
    buyer          VARCHAR(256),
    paid_at        DATETIME       NULL,
    paid_callbacks INT            NOT NULL DEFAULT 0,
    created_at     DATETIME       NOT NULL,
    INDEX orders_created_at (created_at)
) DEFAULT CHARSET = utf8mb4;
