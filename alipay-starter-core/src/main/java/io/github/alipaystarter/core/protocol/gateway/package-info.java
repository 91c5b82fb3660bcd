/**
 * The wire protocol: calls to Alipay's gateway (notify_verify, single_trade_query, query_timestamp) over a
 * pluggable HTTP transport, and their answers.
 */
package io.github.alipaystarter.core.protocol.gateway;
