package io.github.alipaystarter.integration.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The application's own order, saved with JPA in onPaid. */
@Entity
@Table(name = "shop_order")
public class ShopOrder {

    @Id
    private String outTradeNo;

    private String status;

    private String tradeNo;

    protected ShopOrder() {
    }

    ShopOrder(String outTradeNo) {
        this.outTradeNo = outTradeNo;
        this.status = "UNPAID";
    }

    void paid(String tradeNo) {
        this.status = "PAID";
        this.tradeNo = tradeNo;
    }

    public String getOutTradeNo() {
        return this.outTradeNo;
    }

    public String getStatus() {
        return this.status;
    }

    public String getTradeNo() {
        return this.tradeNo;
    }

}
