// How a message quotes text taken from a data file (a header name, an offending cell): a short excerpt,
// escaped, never a whole line. A data file may be anything the user pointed at (/etc/shadow as a "CSV"),
// and messages end up in CI logs and editor diagnostics, so they echo as little of it as helps.
//
// excerptText is self-contained (no reference to anything outside its body) because it also runs on the
// CSV worker threads, built from its source text (see csv-worker.ts).

/**
 * At most `max` characters (code points) of `text`, then '…' when cut. Control characters, DEL, C1
 * controls, lone surrogates and invisible or direction-changing characters are written \xNN / \uNNNN, a
 * backslash as \\, so what is shown is printable and unambiguous.
 */
export function excerptText(text: string, max = 40): string {
  let out = '';
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (count >= max) return out + '…';
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
        count++;
        continue;
      }
    }
    let esc: string | null = null;
    if (c === 0x5c) esc = '\\\\';
    else if (c === 0x0a) esc = '\\n';
    else if (c === 0x0d) esc = '\\r';
    else if (c === 0x09) esc = '\\t';
    else if (c < 0x20 || c === 0x7f) esc = '\\x' + c.toString(16).padStart(2, '0');
    else if (
      (c >= 0x80 && c <= 0xa0) || // C1 controls, no-break space
      c === 0xad || // soft hyphen
      (c >= 0xd800 && c <= 0xdfff) || // a lone surrogate
      (c >= 0x200b && c <= 0x200f) || // zero-width characters, direction marks
      (c >= 0x2028 && c <= 0x202e) || // line/paragraph separators, direction embeddings
      (c >= 0x2060 && c <= 0x206f) || // word joiner, direction isolates
      c === 0xfeff ||
      (c >= 0xfff0 && c <= 0xffff)
    ) {
      esc = '\\u' + c.toString(16).padStart(4, '0');
    }
    out += esc ?? text[i];
    count++;
  }
  return out;
}

/** An excerpt in single quotes, for messages: 'p_dog', 'abc\x00…'. */
export function quoteExcerpt(text: string, max = 40): string {
  return "'" + excerptText(text, max) + "'";
}
