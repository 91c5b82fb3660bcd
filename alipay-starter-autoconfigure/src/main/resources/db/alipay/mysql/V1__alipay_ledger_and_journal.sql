-- alipay-starter JDBC ledger and notification journal, MySQL and MariaDB (InnoDB, utf8mb4).
-- @@prefix@@ is replaced by alipay.jdbc.table-prefix (default alipay_). Safe to run again and from
-- several instances at once (IF NOT EXISTS; the indexes are part of CREATE TABLE because MySQL has no
-- CREATE INDEX IF NOT EXISTS). Timestamps are UTC; paid_at_offset keeps the offset (seconds) of
-- gmt_payment so that it reads back as Alipay sent it. utf8mb4_bin: out_trade_no is compared exactly
-- (case-sensitive), and 4-byte characters (emoji) in the journal are kept.

CREATE TABLE IF NOT EXISTS @@prefix@@trade (
    out_trade_no    VARCHAR(64)    NOT NULL,
    total_fee       DECIMAL(12,2)  NOT NULL,
    subject         VARCHAR(256),
    status          VARCHAR(16)    NOT NULL,
    trade_no        VARCHAR(64),
    trade_status    VARCHAR(32),
    paid_at         DATETIME(6),
    paid_at_offset  INTEGER,
    paid_source     VARCHAR(16),
    buyer_id        VARCHAR(64),
    buyer_email     VARCHAR(128),
    reconcile_claimed_until DATETIME(6),
    created_at      DATETIME(6)    NOT NULL,
    updated_at      DATETIME(6)    NOT NULL,
    PRIMARY KEY (out_trade_no),
    INDEX @@prefix@@trade_unpaid (status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS @@prefix@@journal (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    source          VARCHAR(16),
    out_trade_no    VARCHAR(64),
    notify_id       VARCHAR(128),
    trade_status    VARCHAR(32),
    parameters      VARCHAR(8000),
    remote_addr     VARCHAR(64),
    body_size       BIGINT,
    outcome         VARCHAR(32),
    reason          VARCHAR(1000),
    received_at     DATETIME(6)    NOT NULL,
    completed_at    DATETIME(6),
    PRIMARY KEY (id),
    INDEX @@prefix@@journal_out_trade_no (out_trade_no, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Deliveries refused before their signature held (forged, malformed, oversized): compact, no out_trade_no.
CREATE TABLE IF NOT EXISTS @@prefix@@journal_rejected (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    received_at     DATETIME(6)    NOT NULL,
    source          VARCHAR(16),
    remote_addr     VARCHAR(64),
    body_size       BIGINT         NOT NULL,
    body_sha256     VARCHAR(64),
    outcome         VARCHAR(32),
    reason          VARCHAR(300),
    excerpt         VARCHAR(256),
    deliveries      BIGINT         NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
