/**
 * Cuts a text to a number of characters, saying how much was left out. Every text that reaches a reply from
 * outside the plugin (an upstream's error, its warnings, its answer quoted back) goes through here with one of the
 * limits below, so that no upstream, however it misbehaves, can make an answer large: before these limits, 100
 * queries each failing with a 10 MB Prometheus error made a 1 GB reply. The limits and the messages are listed in
 * docs/reliability.md ("Limits").
 */

/** An upstream's error or warning text, as quoted in one message. */
export const MAX_UPSTREAM_TEXT_CHARS = 1000;
/** One error message: a query's error, a resource call's `error`, the health check's message. */
export const MAX_ERROR_CHARS = 2000;
/** All error messages of one QueryData answer together; past it, each further error is cut to `MAX_LATE_ERROR_CHARS`. */
export const MAX_REPLY_ERROR_CHARS = 256 * 1024;
/** An error message once the answer's error text has reached `MAX_REPLY_ERROR_CHARS`. */
export const MAX_LATE_ERROR_CHARS = 200;

/**
 * `text` when it has at most `maxChars` characters; otherwise its first `maxChars` (never half a surrogate pair)
 * followed by `… (N more characters)`. `totalChars` is the length of the text `text` was taken from, when the caller
 * already took a prefix (the count then still tells the whole length).
 */
export function cutText(text: string, maxChars: number, totalChars = text.length): string {
  if (text.length <= maxChars && totalChars <= text.length) {
    return text;
  }
  let end = Math.min(maxChars, text.length);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${text.slice(0, end)}… (${totalChars - end} more characters)`;
}
