package io.github.alipaystarter.sample.web;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.sample.order.Orders;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting for the templates ({@code ${@labels.time(...)}}): China time, Chinese with English beside it. */
@Component("labels")
public class Labels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String time(LocalDateTime time) {
        return time == null ? "—" : TIME.format(time);
    }

    public String time(Instant time) {
        return time == null ? "—" : TIME.format(time.atZone(Orders.CHINA));
    }

    public String source(NotificationSource source) {
        if (source == null) {
            return "—";
        }
        return switch (source) {
            case NOTIFY -> "异步通知 NOTIFY";
            case RETURN -> "页面跳转 RETURN";
            case QUERY -> "查询 QUERY";
        };
    }

    public String outcome(Outcome outcome) {
        if (outcome == null) {
            return "处理中 processing";
        }
        String chinese = switch (outcome) {
            case PAID -> "已支付";
            case DUPLICATE -> "重复通知，已确认";
            case CLOSED -> "已关闭";
            case REFUNDED -> "已退款";
            case IGNORED -> "无需处理";
            case MALFORMED -> "格式错误";
            case BAD_SIGNATURE -> "签名错误";
            case NOTIFY_ID_REJECTED -> "通知校验失败";
            case WRONG_SELLER -> "卖家不符";
            case WRONG_AMOUNT -> "金额不符";
            case UNKNOWN_TRADE -> "未知订单";
            case GATEWAY_UNAVAILABLE -> "网关不可用";
            case HANDLER_FAILED -> "业务处理失败";
            case ERROR -> "内部错误";
            case INTERRUPTED -> "处理中断";
        };
        return chinese + " " + outcome.name();
    }

    /** {@code success} or {@code fail}: what Alipay was told. */
    public String answer(Outcome outcome) {
        // An interrupted delivery was never answered: the process stopped first.
        return outcome == null || outcome == Outcome.INTERRUPTED ? "" : outcome.answer();
    }
}
