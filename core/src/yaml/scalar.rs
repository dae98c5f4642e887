//! How a plain scalar is read under kubectl's YAML 1.1 rules, and which strings
//! must be quoted so that both YAML 1.1 and YAML 1.2 readers see a string.
//!
//! kubectl reads YAML with go-yaml v2 (through `sigs.k8s.io/yaml`): `yes`, `on`,
//! `y` are booleans, `0440` is octal, `1_000` and `1e3` are numbers, `~` is null.

use serde_json::{Number, Value};
use std::borrow::Cow;

/// The value a plain (unquoted, untagged) scalar stands for in kubectl's reading.
pub fn resolve_plain(text: &str) -> Value {
    if is_null(text) {
        return Value::Null;
    }
    if let Some(b) = as_bool(text) {
        return Value::Bool(b);
    }
    if let Some(n) = as_number(text) {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

/// Null in YAML 1.1 and 1.2 (core schema).
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// The YAML 1.1 booleans, a superset of YAML 1.2's.
fn as_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            Some(false)
        }
        _ => None,
    }
}

/// Integers (decimal, `0x`, `0o`, `0b`, and YAML 1.1 octal `0777`, underscores
/// allowed) and floats, as go-yaml v2 reads them.
fn as_number(text: &str) -> Option<Number> {
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '+' | '-' | '.')) {
        return None;
    }
    let plain: Cow<str> = if text.contains('_') {
        Cow::Owned(text.replace('_', ""))
    } else {
        Cow::Borrowed(text)
    };
    if let Some(n) = parse_go_int(&plain) {
        return Some(n);
    }
    if is_float_syntax(&plain) {
        let f: f64 = plain.parse().ok()?;
        return Number::from_f64(f);
    }
    None
}

/// go-yaml's integers: Go's `strconv.ParseInt(s, 0, 64)` (a sign, then `0x`,
/// `0o`, `0b`, a leading `0` for octal, or decimal), else `strconv.ParseUint(s, 0, 64)`
/// (no sign) for what only fits a `uint64`.
fn parse_go_int(text: &str) -> Option<Number> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = unsigned.to_ascii_lowercase();
    let (radix, digits) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    if let Ok(i) = i64::try_from(if negative { -magnitude } else { magnitude }) {
        return Some(Number::from(i));
    }
    let signed = text.starts_with(['+', '-']);
    u64::try_from(magnitude)
        .ok()
        .filter(|_| !signed)
        .map(Number::from)
}

/// go-yaml's float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
/// plus `.inf`, `.nan` and their spellings (which JSON cannot hold, so they stay strings).
fn is_float_syntax(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok
}

fn all_digits(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit())
}

/// True when `text`, written plain, would be read back as exactly this string by a
/// YAML 1.1 reader (kubectl, PyYAML) and a YAML 1.2 reader alike.
pub fn is_plain_safe(text: &str) -> bool {
    is_plain_word(text) || passes_plain_checks(text)
}

/// The full checks behind [`is_plain_safe`].
fn passes_plain_checks(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().next_back().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || looks_special(text) {
        return false;
    }
    if matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    ) {
        return false;
    }
    if text.ends_with(':') {
        return false;
    }
    // `: ` and ` #` end a plain scalar early; control characters and Unicode
    // line breaks cannot be written plain.
    let mut previous = b'\0';
    for &byte in text.as_bytes() {
        if byte.is_ascii_control() || matches!((previous, byte), (b':', b' ') | (b' ', b'#')) {
            return false;
        }
        previous = byte;
    }
    text.is_ascii()
        || text.chars().all(|c| {
            !c.is_control() && c != '\u{feff}' && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
        })
}

/// The common case, settled without the full checks: a word that starts with
/// a letter and holds only letters, digits and `._/-@:` (not last), such as
/// `containerPort` or `registry.example.com/shop/app:1.2.3`. Such a word is
/// special to a YAML reader only as a null or a boolean.
fn is_plain_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last() != Some(&b':')
        && bytes.iter().all(|&b| WORD_BYTES[usize::from(b)])
        // No null or boolean is longer than `false`.
        && (bytes.len() > 5 || !is_null(text) && as_bool(text).is_none())
}

/// The bytes a plain word may hold: ASCII letters and digits, and `._/-@:`.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] =
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'/' | b'-' | b'@' | b':');
        byte += 1;
    }
    table
};

/// True when any YAML 1.1 or 1.2 reader might resolve `text` to something other
/// than a string: null, booleans, numbers of any base or spelling, sexagesimal,
/// timestamps, `.inf`/`.nan`, the merge key and the value key.
fn looks_special(text: &str) -> bool {
    if is_null(text) || as_bool(text).is_some() || text == "<<" || text == "=" {
        return true;
    }
    let first = text.chars().next().unwrap_or(' ');
    if !(first.is_ascii_digit() || matches!(first, '+' | '-' | '.')) {
        return false;
    }
    // Anything number-like is quoted: ints, floats, sexagesimal (`12:30`),
    // timestamps (`2024-01-01`), `.inf`, `.NaN`, `1_000`, `0x1F`, `1e3`.
    let lower = text.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, ".inf" | ".nan") {
        return true;
    }
    as_number(text).is_some()
        || is_sexagesimal(body)
        || is_timestamp_like(text)
        || body.starts_with(|c: char| c.is_ascii_digit())
            && body
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "_.:xob+-e".contains(c))
}

/// YAML 1.1 base-60 numbers: `190:20:30`, `1:30.5`.
fn is_sexagesimal(text: &str) -> bool {
    let mut parts = text.split(':');
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && !head.is_empty()
        && head.chars().all(|c| c.is_ascii_digit() || c == '_')
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '_')
        })
}

/// Dates and date-times (`2024-01-01`, `2024-1-1 10:00:00`, `2001-12-14t21:59:43.10-05:00`).
fn is_timestamp_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 8
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && text[5..].chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for text in ["yes", "Yes", "on", "ON", "y", "Y", "true"] {
            assert_eq!(resolve_plain(text), json!(true), "{text}");
        }
        for text in ["no", "off", "n", "N", "False"] {
            assert_eq!(resolve_plain(text), json!(false), "{text}");
        }
        for text in ["", "~", "null", "NULL"] {
            assert_eq!(resolve_plain(text), Value::Null, "{text}");
        }
    }

    #[test]
    fn numbers_in_every_spelling_kubectl_reads() {
        assert_eq!(resolve_plain("0440"), json!(288));
        assert_eq!(resolve_plain("0o17"), json!(15));
        assert_eq!(resolve_plain("0x1F"), json!(31));
        assert_eq!(resolve_plain("0b101"), json!(5));
        assert_eq!(resolve_plain("1_000"), json!(1000));
        assert_eq!(resolve_plain("-42"), json!(-42));
        assert_eq!(resolve_plain("+7"), json!(7));
        assert_eq!(resolve_plain("1e3"), json!(1000.0));
        assert_eq!(resolve_plain("0.5"), json!(0.5));
        assert_eq!(resolve_plain("08"), json!(8.0));
    }

    #[test]
    fn integers_past_i64_are_uint64_as_in_go_yaml() {
        // Found with the export fuzz target: u64::MAX was written as an
        // integer and read back as a float.
        assert_eq!(resolve_plain("18446744073709551615"), json!(u64::MAX));
        assert_eq!(resolve_plain("0xFFFFFFFFFFFFFFFF"), json!(u64::MAX));
        assert_eq!(
            resolve_plain("+18446744073709551615"),
            json!(1.8446744073709552e19)
        );
        assert_eq!(
            resolve_plain("18446744073709551616"),
            json!(1.8446744073709552e19)
        );
        assert_eq!(resolve_plain("-9223372036854775808"), json!(i64::MIN));
    }

    #[test]
    fn strings_stay_strings() {
        for text in [
            "nginx",
            "1.27.3-alpine",
            "100m",
            "1Gi",
            "12:30",
            "2024-01-01",
            ".inf",
            "0x",
            "v1",
        ] {
            assert_eq!(resolve_plain(text), json!(text), "{text}");
        }
    }

    #[test]
    fn strings_that_look_like_other_things_are_not_plain_safe() {
        for text in [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "true",
            "null",
            "~",
            "",
            "12:30",
            "2024-01-01",
            "1_000",
            "0440",
            "1e3",
            ".inf",
            "-.Inf",
            ".NaN",
            "0x1F",
            "0o17",
            "0b101",
            "190:20:30",
            "1.5",
            "+1",
            "<<",
            "=",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "- x",
            "#c",
            "*alias",
            "&a",
            "!tag",
            "@x",
            "%x",
            "[x",
            "{x",
            "line\nbreak",
            "tab\there",
            "key:",
        ] {
            assert!(!is_plain_safe(text), "{text:?} must be quoted");
        }
    }

    #[test]
    fn ordinary_strings_are_plain_safe() {
        for text in [
            "nginx:1.27.3",
            "/var/log/app",
            "http://localhost:8080",
            "100m",
            "1Gi",
            "app.kubernetes.io/name",
            "sh",
            "echo hello",
            "RuntimeDefault",
            "v1.32.3",
            "a-b_c.d",
        ] {
            assert!(is_plain_safe(text), "{text:?} may stay plain");
        }
    }

    #[test]
    fn the_word_shortcut_never_passes_what_the_full_checks_refuse() {
        let letters = [
            "y", "Y", "n", "N", "o", "O", "t", "T", "f", "F", "e", "a", "null",
        ];
        let tails = [
            "", "es", "ES", "n", "N", "ff", "FF", "rue", "alse", "ull", ":", ":x", "@1", "/p",
        ];
        let mut words = 0;
        for head in letters {
            for tail in tails {
                let text = format!("{head}{tail}");
                if is_plain_word(&text) {
                    words += 1;
                    assert!(passes_plain_checks(&text), "{text:?}");
                }
            }
        }
        assert!(words > 100, "only {words} words took the shortcut");
    }
}
