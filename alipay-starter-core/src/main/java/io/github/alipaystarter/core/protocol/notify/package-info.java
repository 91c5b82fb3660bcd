/**
 * The wire protocol: decoding form bodies in the declared charset and reading Alipay notifications and
 * returns (spec 12) into typed values.
 */
package io.github.alipaystarter.core.protocol.notify;
