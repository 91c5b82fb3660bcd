package io.github.alipaystarter.sample.web;

import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.sample.order.Checkout;
import io.github.alipaystarter.sample.order.Order;
import io.github.alipaystarter.sample.order.OrderStatus;
import io.github.alipaystarter.sample.order.Orders;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small JSON API for scripts and tests: create an order and get the signed gateway URL, then watch
 * its status and how many times onPaid ran for it.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderApiController {

    /** The answer to a created order. */
    public record CreatedOrder(String outTradeNo, BigDecimal totalFee, String payUrl) {
    }

    /** An order as the API shows it. */
    public record OrderView(String outTradeNo, OrderStatus status, BigDecimal totalFee, String tradeNo,
            int paidCallbacks) {

        static OrderView of(Order order) {
            return new OrderView(order.outTradeNo(), order.status(), order.totalFee(), order.tradeNo(),
                    order.paidCallbacks());
        }
    }

    private final Orders orders;
    private final Checkout checkout;

    public OrderApiController(Orders orders, Checkout checkout) {
        this.orders = orders;
        this.checkout = checkout;
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<CreatedOrder> createFromForm(@Valid @ModelAttribute OrderForm form) {
        return create(form);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedOrder> createFromJson(@Valid @RequestBody OrderForm form) {
        return create(form);
    }

    @GetMapping("/{outTradeNo}")
    OrderView get(@PathVariable String outTradeNo) {
        return orders.find(outTradeNo).map(OrderView::of)
                .orElseThrow(() -> new ApiExceptionHandler.OrderNotFoundException(outTradeNo));
    }

    private ResponseEntity<CreatedOrder> create(OrderForm form) {
        SignedPayment payment = checkout.placeOrder(form.getSubject(), form.getBody(), form.getTotalFee());
        CreatedOrder created = new CreatedOrder(payment.outTradeNo(), payment.amount(),
                payment.toRedirectUrl().toString());
        return ResponseEntity.created(URI.create("/api/orders/" + payment.outTradeNo())).body(created);
    }
}
