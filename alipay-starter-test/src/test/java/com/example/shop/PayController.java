package com.example.shop;

import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.SignedPayment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PayController {

    private final DirectPayService alipay;   // the starter's request builder
    private final Orders orders;             // your own orders

    PayController(DirectPayService alipay, Orders orders) {
        this.alipay = alipay;
        this.orders = orders;
    }

    @PostMapping("/orders/{no}/pay")
    ResponseEntity<String> pay(@PathVariable("no") String no) {   // named: works without -parameters
        Order order = orders.get(no);
        SignedPayment payment = alipay.directPay()
                .outTradeNo(order.no())
                .subject(order.title())
                .totalFee(order.amount())            // BigDecimal (or "0.01"), at most 2 decimals
                .sign();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", payment.inputCharset()))
                .body(payment.toHtmlPage());         // auto-submitting form to the gateway
    }
}
