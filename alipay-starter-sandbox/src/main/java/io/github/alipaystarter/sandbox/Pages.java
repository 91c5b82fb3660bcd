package io.github.alipaystarter.sandbox;

import java.math.BigDecimal;
import java.util.Map;

/** The sandbox's pages: plain HTML and CSS, UTF-8, Chinese labels with English beside them, fit for a phone. */
final class Pages {

    private Pages() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",Helvetica,Arial,sans-serif;background:#f2f4f7;color:#222}
            header{background:#1677ff;color:#fff;padding:12px 16px;font-size:18px}
            header small{opacity:.8;margin-left:8px;font-size:13px}
            main{max-width:560px;margin:16px auto;padding:0 12px}
            .card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:12px}
            .row{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px solid #eee;word-break:break-all}
            .row:last-child{border-bottom:0}
            .label{color:#666;white-space:nowrap}
            .label i{font-style:normal;color:#999;font-size:12px;margin-left:4px}
            .amount{font-size:28px;color:#ff5500;text-align:center;margin:8px 0}
            button,.button{display:block;width:100%;box-sizing:border-box;padding:12px;border:0;border-radius:6px;font-size:16px;margin-top:10px;text-align:center;text-decoration:none;cursor:pointer}
            .pay{background:#1677ff;color:#fff}.cancel{background:#e8e8e8;color:#333}
            .error h1{color:#d4380d;font-size:20px;margin:0 0 8px}
            code,pre{background:#f6f6f6;border-radius:4px;padding:2px 4px;font-family:Menlo,Consolas,monospace;font-size:13px}
            pre{padding:8px;white-space:pre-wrap;word-break:break-all}
            .note{color:#888;font-size:12px;text-align:center}
            .ok{color:#389e0d;font-size:20px;text-align:center}
            """;

    static String page(String title, String body) {
        return page(title, "", body);
    }

    static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">" + head
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + CSS + "</style></head><body>"
                + "<header>支付宝 沙箱<small>Alipay sandbox (not the real Alipay)</small></header><main>"
                + body + "</main></body></html>\n";
    }

    static String row(String zh, String en, String value) {
        return "<div class=\"row\"><span class=\"label\">" + zh + "<i>" + en + "</i></span><span>" + escape(value)
                + "</span></div>";
    }

    static String cashier(TradeRecord t, String token) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"card\"><div class=\"amount\">¥ ").append(escape(money(t.totalFee))).append("</div>")
                .append(row("商品名称", "Subject", t.subject))
                .append(t.body != null ? row("商品描述", "Description", t.body) : "")
                .append(row("收款方", "Seller", t.sellerEmail + " (" + t.sellerId + ")"))
                .append(row("商户订单号", "Order no.", t.outTradeNo))
                .append(row("交易金额", "Amount", money(t.totalFee) + " 元 (yuan)"))
                .append("</div><div class=\"card\"><form method=\"post\" action=\"/cashier/pay\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(escape(token)).append("\">")
                .append("<button class=\"pay\" type=\"submit\" id=\"pay\">确认付款 Pay</button></form>")
                .append("<form method=\"post\" action=\"/cashier/cancel\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(escape(token)).append("\">")
                .append("<button class=\"cancel\" type=\"submit\" id=\"cancel\">取消 Cancel</button></form></div>")
                .append("<p class=\"note\">沙箱收银台：不会扣款 · Sandbox cashier: no money moves</p>");
        return page("支付宝收银台 Cashier", b.toString());
    }

    static String success(TradeRecord t, String returnPath, long refreshSeconds, boolean dropped) {
        return success(t, returnPath, refreshSeconds, dropped, true, "");
    }

    /** @param autoReturn whether the page goes back by itself; @param notificationCard HTML of the notification's card */
    static String success(TradeRecord t, String returnPath, long refreshSeconds, boolean dropped, boolean autoReturn,
            String notificationCard) {
        StringBuilder b = new StringBuilder();
        String head = returnPath != null && !dropped && autoReturn
                ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + ";url=" + escape(returnPath) + "\">" : "";
        b.append("<div class=\"card\"><p class=\"ok\">✔ 付款成功 Payment successful</p>")
                .append(row("商品名称", "Subject", t.subject))
                .append(row("交易金额", "Amount", money(t.totalFee) + " 元"))
                .append(row("支付宝交易号", "Trade no.", t.tradeNo))
                .append(row("交易状态", "Status", t.status.value()))
                .append("</div><div class=\"card\">");
        if (dropped) {
            b.append("<p>买家关闭了页面：不会跳转回商户（指南 5.3）。<br>The buyer closed this page: no return to the merchant"
                    + " (guide 5.3). Only the asynchronous notification reaches the merchant.</p>");
        } else if (returnPath != null) {
            b.append(autoReturn ? "<p>" + refreshSeconds + " 秒后返回商户 · Returning to the merchant in " + refreshSeconds + " s</p>" : "")
                    .append("<a class=\"button pay\" id=\"return\" href=\"")
                    .append(escape(returnPath)).append("\">返回商户 Back to the merchant</a>");
        } else {
            b.append("<p>请求未带 return_url，无法跳转 · The request had no return_url.</p>");
        }
        b.append("</div>").append(notificationCard);
        return page("付款成功 Paid", head, b.toString());
    }

    static String message(String title, String text) {
        return page(title, "<div class=\"card\"><p>" + text + "</p></div>");
    }

    static String error(SandboxRejection r) {
        StringBuilder b = new StringBuilder("<div class=\"card error\"><h1>调试错误，请回到请求来源地，重新发起请求。</h1>"
                + "<p>Debug error: go back to where the request came from and send it again.</p>");
        b.append(row("错误代码", "Error code", r.code()))
                .append(row("含义", "Meaning", r.meaning()))
                .append(r.parameter() != null ? row("参数", "Parameter", r.parameter()) : "")
                .append(row("字符集", "Charset", r.charset()))
                .append("</div><div class=\"card\"><p><b>原因 Reason</b> <small>(sandbox only; Alipay shows just the code)</small></p><p id=\"reason\">")
                .append(escape(r.reason())).append("</p>");
        if (r.canonicalContent() != null) {
            b.append("<p><b>待签名字符串 Canonical content signed</b> (then + key for MD5):</p><pre id=\"canonical\">")
                    .append(escape(r.canonicalContent())).append("</pre>");
        }
        if (!r.parameters().isEmpty()) {
            b.append("<p><b>收到的参数 Parameters received</b>:</p><pre>");
            for (Map.Entry<String, String> e : r.parameters().entrySet()) {
                b.append(escape(e.getKey())).append(" = ").append(escape(e.getValue())).append('\n');
            }
            b.append("</pre>");
        }
        b.append("</div>");
        return page("错误 " + r.code(), b.toString());
    }

    static String money(BigDecimal v) {
        return v.setScale(2).toPlainString();
    }
}
