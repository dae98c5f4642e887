//! Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`): parsing as the API
//! server parses them, and exact enough arithmetic for comparisons and sums.

use std::cmp::Ordering;
use std::fmt;

/// A parsed quantity, kept in nano units (saturating at the `i128` range, far
/// beyond anything a Pod asks for).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity {
    nanos: i128,
}

/// Why a quantity does not parse, in the API server's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The text does not have the shape of a quantity.
    #[error(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )]
    Format,
    /// The suffix is not one Kubernetes knows.
    #[error("unable to parse quantity's suffix")]
    Suffix,
    /// The number before the suffix is malformed.
    #[error("unable to parse numeric part of quantity")]
    Numeric,
}

const NANOS_PER_UNIT: i128 = 1_000_000_000;

impl Quantity {
    /// Zero.
    pub const ZERO: Quantity = Quantity { nanos: 0 };

    /// Parses `text` (surrounding whitespace is ignored, as by the API server).
    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        let text = text.trim();
        let (negative, unsigned) = match text.as_bytes() {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            all => (false, all),
        };
        // One pass over the number: digits past 10^30 only scale it, and
        // each kept digit after the dot divides it by ten.
        let mut mantissa: i128 = 0;
        let mut scale: i32 = 0;
        let mut dots = 0;
        let mut number_len = 0;
        for &b in unsigned {
            match b {
                b'.' => dots += 1,
                b'0'..=b'9' if mantissa < 10i128.pow(30) => {
                    mantissa = mantissa * 10 + i128::from(b - b'0');
                    scale -= i32::from(dots > 0);
                }
                b'0'..=b'9' => scale += i32::from(dots == 0),
                _ => break,
            }
            number_len += 1;
        }
        let suffix = &text[text.len() - unsigned.len() + number_len..];
        if number_len == 0 || !shape_ok(suffix.as_bytes()) {
            return Err(QuantityError::Format);
        }
        let (exp10, pow2) = parse_suffix(suffix)?;
        if dots > 1 || number_len == dots {
            return Err(QuantityError::Numeric);
        }
        let scaled = scale_by(mantissa, scale.saturating_add(exp10).saturating_add(9));
        // `scaled` is not negative: a shift is the multiplication, checked by hand
        // (`checked_mul` on i128 is a library call).
        let nanos = if scaled <= i128::MAX >> pow2 {
            scaled << pow2
        } else {
            i128::MAX
        };
        Ok(Quantity {
            nanos: if negative { -nanos } else { nanos },
        })
    }

    /// A quantity of `milli` thousandths.
    pub fn from_milli(milli: i128) -> Quantity {
        Quantity {
            nanos: milli.saturating_mul(1_000_000),
        }
    }

    /// The value in thousandths, rounded up as the API server rounds resource lists.
    pub fn milli(self) -> i128 {
        ceil_div(self.nanos, 1_000_000)
    }

    /// True when the value is below zero.
    pub fn is_negative(self) -> bool {
        self.nanos < 0
    }

    /// True when the value, rounded up to milli precision, is a whole number.
    pub fn is_integer(self) -> bool {
        self.milli() % 1000 == 0
    }

    /// The sum of two quantities.
    #[must_use]
    pub fn plus(self, other: Quantity) -> Quantity {
        Quantity {
            nanos: self.nanos.saturating_add(other.nanos),
        }
    }

    /// The larger of two quantities.
    #[must_use]
    pub fn larger(self, other: Quantity) -> Quantity {
        if self.cmp(&other) == Ordering::Less {
            other
        } else {
            self
        }
    }

    /// True when `self` is a whole multiple of `unit` (a positive quantity).
    pub fn is_multiple_of(self, unit: Quantity) -> bool {
        unit.nanos > 0 && self.nanos % unit.nanos == 0
    }
}

impl fmt::Display for Quantity {
    /// Writes the value in the plainest exact form: `2`, `500m`, `1500n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nanos % NANOS_PER_UNIT == 0 {
            write!(f, "{}", self.nanos / NANOS_PER_UNIT)
        } else if self.nanos % 1_000_000 == 0 {
            write!(f, "{}m", self.nanos / 1_000_000)
        } else {
            write!(f, "{}n", self.nanos)
        }
    }
}

/// True when `suffix` has the shape the API server's pattern allows: suffix
/// letters, then an optional sign and digits.
fn shape_ok(suffix: &[u8]) -> bool {
    let letters = suffix
        .iter()
        .take_while(|b| {
            matches!(
                b,
                b'e' | b'E' | b'i' | b'n' | b'u' | b'm' | b'k' | b'K' | b'M' | b'G' | b'T' | b'P'
            )
        })
        .count();
    let rest = &suffix[letters..];
    let rest = rest
        .strip_prefix(b"+")
        .or(rest.strip_prefix(b"-"))
        .unwrap_or(rest);
    rest.iter().all(u8::is_ascii_digit)
}

/// The power of ten and the power of two a suffix stands for.
fn parse_suffix(suffix: &str) -> Result<(i32, u32), QuantityError> {
    Ok(match suffix {
        "" => (0, 0),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        _ => {
            let exponent = suffix
                .strip_prefix(['e', 'E'])
                .filter(|rest| !rest.is_empty() && rest != &"+" && rest != &"-")
                .ok_or(QuantityError::Suffix)?;
            let value: i32 = exponent.parse().map_err(|_| QuantityError::Suffix)?;
            (value, 0)
        }
    })
}

/// `mantissa` (not negative) times ten to the `exp10`, rounded up, saturating.
fn scale_by(mantissa: i128, exp10: i32) -> i128 {
    let Some(&power) = POWERS_OF_TEN.get(exp10.unsigned_abs() as usize) else {
        // Beyond every power an i128 holds: saturate, or round a positive
        // fraction up to one nano.
        return if exp10 >= 0 && mantissa != 0 {
            i128::MAX
        } else {
            i128::from(mantissa > 0)
        };
    };
    if exp10 < 0 {
        ceil_div(mantissa, power)
    } else if mantissa <= i128::from(u64::MAX) && exp10 <= 18 {
        // Below 2^64 · 10^18 < 2^127: no overflow check (a library call) needed.
        mantissa * power
    } else {
        mantissa.checked_mul(power).unwrap_or(i128::MAX)
    }
}

/// 10^0 to 10^38, every power of ten an `i128` holds.
const POWERS_OF_TEN: [i128; 39] = {
    let mut powers = [1; 39];
    let mut exponent = 1;
    while exponent < powers.len() {
        powers[exponent] = powers[exponent - 1] * 10;
        exponent += 1;
    }
    powers
};

fn ceil_div(value: i128, divisor: i128) -> i128 {
    let quotient = value / divisor;
    if value % divisor > 0 {
        quotient + 1
    } else {
        quotient
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    #[test]
    fn parses_suffixes_and_exponents() {
        assert_eq!(q("500m").milli(), 500);
        assert_eq!(q("0.5").milli(), 500);
        assert_eq!(q("1Ki").milli(), 1_024_000);
        assert_eq!(q("1.5Gi"), q("1536Mi"));
        assert_eq!(q("2e3"), q("2k"));
        assert_eq!(q("1E"), q("1e18"));
        assert_eq!(q(" 1. ").milli(), 1000);
        // Past every power of ten an i128 holds, either way.
        assert_eq!(q("1e-48"), q("1n"));
        assert_eq!(q("0e-48"), Quantity::ZERO);
        assert_eq!(q("1e40"), q("2e40"));
        assert_eq!(q("+3").milli(), 3000);
        assert!(q("-1").is_negative());
        assert_eq!(q("100u").milli(), 1);
        assert_eq!(q("1e-3").milli(), 1);
        assert_eq!(q(".5").milli(), 500);
        assert_eq!(q("-.5").milli(), -500);
        assert_eq!(q("5e+3"), q("5k"));
        assert_eq!(q("0.000000001").to_string(), "1n");
    }

    #[test]
    fn refuses_what_the_api_server_refuses() {
        assert_eq!(Quantity::parse(""), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("lots"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("1 Gi"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("1Gb"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("1KiB"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("1mi"), Err(QuantityError::Suffix));
        assert_eq!(Quantity::parse("1.2.3"), Err(QuantityError::Numeric));
        assert_eq!(Quantity::parse("."), Err(QuantityError::Numeric));
        assert_eq!(Quantity::parse("+"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("-+1"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("\u{ff11}"), Err(QuantityError::Format));
        assert_eq!(Quantity::parse("1e"), Err(QuantityError::Suffix));
        assert_eq!(Quantity::parse("1e+"), Err(QuantityError::Suffix));
        assert_eq!(Quantity::parse("1Mi5"), Err(QuantityError::Suffix));
    }

    #[test]
    fn integer_checks_round_up_to_milli() {
        assert!(q("0.5Mi").is_integer());
        assert!(!q("100m").is_integer());
        assert!(q("2Mi").is_multiple_of(q("2Mi")));
        assert!(!q("3Mi").is_multiple_of(q("2Mi")));
        assert_eq!(q("250m").plus(q("0.25")).to_string(), "500m");
        assert_eq!(q("1.5").larger(q("1")).to_string(), "1500m");
    }
}
