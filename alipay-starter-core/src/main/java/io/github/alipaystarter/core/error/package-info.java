/**
 * Alipay's error codes with their meaning and fix: {@link io.github.alipaystarter.core.error.AlipayErrorCode}.
 */
package io.github.alipaystarter.core.error;
