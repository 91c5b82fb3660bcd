/**
 * <b>Internal: not API.</b> Helpers shared by the other core packages (log-safe text, secrets, RSA key
 * reading, URL rules, the fields of a decoded form). Public only because Java has no other way to share
 * them across packages; they may change or disappear in any release without notice. Depends on nothing
 * else in core.
 */
package io.github.alipaystarter.core.internal;
