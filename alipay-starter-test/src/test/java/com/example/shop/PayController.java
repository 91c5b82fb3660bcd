package com.example.shop;

import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PayController {

    private final DirectPayService alipay;   // the starter's payment service
    private final Orders orders;             // your own orders

    PayController(DirectPayService alipay, Orders orders) {
        this.alipay = alipay;
        this.orders = orders;
    }

    @PostMapping("/orders/{no}/pay")
    ResponseEntity<String> pay(@PathVariable("no") String no) {   // named: works without -parameters
        Order order = orders.get(no);
        PaymentRequest request = PaymentRequest.builder(
                order.no(),                          // out_trade_no
                order.title(),                       // subject
                Amount.of(order.amount()))           // total_fee: BigDecimal, at most 2 decimals
                .build();                            // checked here; nothing recorded yet
        SignedPayment payment = alipay.recordAndSign(request);   // records the trade, signs
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", payment.inputCharset()))
                .body(payment.toHtmlPage());         // auto-submitting form to the gateway
    }
}
