package io.github.alipaystarter.sample.web;

import io.github.alipaystarter.core.error.AlipayParameterException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The API's errors as JSON: {@code {"status": 400, "message": "...", "fields": {...}}}. */
@RestControllerAdvice(assignableTypes = OrderApiController.class)
class ApiExceptionHandler {

    static final class OrderNotFoundException extends RuntimeException {
        OrderNotFoundException(String outTradeNo) {
            super("No order " + outTradeNo);
        }
    }

    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    /** Bean Validation and type errors, for form fields and JSON bodies alike. */
    @ExceptionHandler(BindException.class)
    ResponseEntity<Map<String, Object>> invalid(BindException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : e.getFieldErrors()) {
            fields.putIfAbsent(error.getField(), messages.getMessage(error, LocaleContextHolder.getLocale()));
        }
        String message = fields.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining("; "));
        return error(HttpStatus.BAD_REQUEST, message.isEmpty() ? "Invalid request" : message, fields);
    }

    /** The starter's own check of the spec's rules, e.g. a subject containing {@code %}. */
    @ExceptionHandler(AlipayParameterException.class)
    ResponseEntity<Map<String, Object>> refusedByStarter(AlipayParameterException e) {
        Map<String, Object> body = body(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of());
        body.put("parameter", e.parameter());
        body.put("alipayErrorCode", e.errorCode().name());
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for an order: "
                + "{\"subject\": \"...\", \"totalFee\": \"0.01\", \"body\": \"...\"}", Map.of());
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(OrderNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), Map.of());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message,
            Map<String, String> fields) {
        return ResponseEntity.status(status).body(body(status, message, fields));
    }

    private static Map<String, Object> body(HttpStatus status, String message, Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("message", message);
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        return body;
    }
}
