package io.github.alipaystarter.sample.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The fields of the direct-pay template page (and of {@code POST /api/orders}). The shop checks what
 * a shop would check; the starter then checks the rest of the spec's rules (forbidden characters,
 * byte lengths in the input charset) when the request is signed.
 */
public class OrderForm {

    @NotBlank(message = "{order.subject.required}")
    @Size(max = 256, message = "{order.subject.size}")
    private String subject;

    @NotNull(message = "{order.totalFee.required}")
    @DecimalMin(value = "0.01", message = "{order.totalFee.range}")
    @DecimalMax(value = "100000000.00", message = "{order.totalFee.range}")
    @Digits(integer = 9, fraction = 2, message = "{order.totalFee.digits}")
    private BigDecimal totalFee = new BigDecimal("0.01");

    @Size(max = 1000, message = "{order.body.size}")
    private String body;

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject == null ? null : subject.strip();
    }

    public BigDecimal getTotalFee() {
        return totalFee;
    }

    public void setTotalFee(BigDecimal totalFee) {
        this.totalFee = totalFee;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body == null || body.isBlank() ? null : body.strip();
    }
}
