/**
 * The wire protocol: signing and verifying (MD5 and RSA, spec 9), byte-exact over the canonical content
 * in the request charset.
 */
package io.github.alipaystarter.core.protocol.sign;
