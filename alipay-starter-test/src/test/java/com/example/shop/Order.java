package com.example.shop;

import java.math.BigDecimal;

/** The shop's own order, as the README's quick start assumes one. */
record Order(String no, String title, BigDecimal amount) {
}
