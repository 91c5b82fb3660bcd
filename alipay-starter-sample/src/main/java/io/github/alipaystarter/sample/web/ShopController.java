package io.github.alipaystarter.sample.web;

import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.sample.order.Checkout;
import io.github.alipaystarter.sample.order.Order;
import io.github.alipaystarter.sample.order.OrderStatus;
import io.github.alipaystarter.sample.order.Orders;
import jakarta.validation.Valid;
import java.nio.charset.Charset;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/** The shop's pages: the guide's direct-pay template ({@code /}), an order, the latest orders. */
@Controller
public class ShopController {

    private final Orders orders;
    private final Checkout checkout;
    private final ObjectProvider<NotificationJournal> journal;
    private final String mainName;

    public ShopController(Orders orders, Checkout checkout, ObjectProvider<NotificationJournal> journal,
            @Value("${alipay.main-name:示例商店 Sample Shop}") String mainName) {
        this.orders = orders;
        this.checkout = checkout;
        this.journal = journal;
        this.mainName = mainName;
    }

    @ModelAttribute("mainName")
    String mainName() {
        return mainName;
    }

    /** The subject the direct-pay page starts with, so that "keep 0.01 and press 支付宝付款" works as it is. */
    static final String DEFAULT_SUBJECT = "测试商品 Test item";

    @GetMapping("/")
    String index(Model model) {
        OrderForm form = new OrderForm();
        form.setSubject(DEFAULT_SUBJECT);
        model.addAttribute("orderForm", form);
        return "index";
    }

    /** Stores the order and answers the auto-submitting form that takes the buyer to the cashier. */
    @PostMapping("/orders")
    ModelAndView placeOrder(@Valid @ModelAttribute("orderForm") OrderForm form, BindingResult errors) {
        if (!errors.hasErrors()) {
            try {
                return autoSubmit(checkout.placeOrder(form.getSubject(), form.getBody(), form.getTotalFee()));
            } catch (AlipayParameterException e) {
                Rejections.reject(errors, e);
            }
        }
        return new ModelAndView("index", HttpStatus.BAD_REQUEST);
    }

    /** Entries of the order's journal shown per page. */
    static final int HISTORY_PAGE_SIZE = 20;

    /**
     * The order and one page of its journal, newest first: bounded whatever the journal holds (forged
     * deliveries are not in it: the starter keeps them apart, since anyone can name any order).
     */
    @GetMapping("/orders/{outTradeNo}")
    String order(@PathVariable String outTradeNo, @RequestParam(defaultValue = "0") int page, Model model) {
        Order order = find(outTradeNo);
        int shown = Math.max(page, 0);
        List<JournalEntry> history = journal.getIfAvailable(() -> NotificationJournal.NONE)
                .page(outTradeNo, shown, HISTORY_PAGE_SIZE);
        model.addAttribute("order", order);
        model.addAttribute("history", history);
        model.addAttribute("page", shown);
        model.addAttribute("hasOlder", history.size() == HISTORY_PAGE_SIZE);
        return "order";
    }

    /** Pay again for an unpaid order (the buyer went back from the cashier); same amount, same number. */
    @PostMapping("/orders/{outTradeNo}/pay")
    ModelAndView payAgain(@PathVariable String outTradeNo) {
        Order order = find(outTradeNo);
        if (order.status() != OrderStatus.UNPAID) {
            return new ModelAndView("redirect:/orders/" + outTradeNo);
        }
        return autoSubmit(checkout.pay(order));
    }

    @GetMapping("/orders")
    String latest(Model model) {
        model.addAttribute("orders", orders.latest(50));
        return "orders";
    }

    private Order find(String outTradeNo) {
        return orders.find(outTradeNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No order " + outTradeNo));
    }

    /**
     * The starter's page: a form that posts itself to the gateway. It is written in the input charset
     * (utf-8 or gbk), which its meta tag names, so that Chinese reaches Alipay as signed.
     */
    private static ModelAndView autoSubmit(SignedPayment payment) {
        Charset charset = payment.inputCharset();
        String charsetName = payment.parameters().get("_input_charset");
        byte[] page = payment.toHtmlPage().getBytes(charset);
        View view = (model, request, response) -> {
            response.setContentType("text/html;charset=" + charsetName);
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(page.length);
            response.getOutputStream().write(page);
        };
        return new ModelAndView(view);
    }
}
