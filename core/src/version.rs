//! The Kubernetes version a design targets, which decides version-gated rules.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A Kubernetes minor version Podwright validates for: 1.33 to 1.37.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KubeVersion {
    minor: u8,
}

/// A version outside the supported range, or not a version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unsupported Kubernetes version {0:?}: expected 1.33 to 1.37")]
pub struct UnsupportedVersion(pub String);

impl KubeVersion {
    /// The oldest supported version.
    pub const OLDEST: KubeVersion = KubeVersion { minor: 33 };
    /// The newest supported version, the default target.
    pub const NEWEST: KubeVersion = KubeVersion { minor: 37 };

    /// The version 1.`minor`, if supported.
    pub fn new(minor: u8) -> Option<Self> {
        (Self::OLDEST.minor..=Self::NEWEST.minor)
            .contains(&minor)
            .then_some(KubeVersion { minor })
    }

    /// Every supported version, oldest first.
    pub fn all() -> impl Iterator<Item = KubeVersion> {
        (Self::OLDEST.minor..=Self::NEWEST.minor).map(|minor| KubeVersion { minor })
    }

    /// The minor number: 35 for 1.35.
    pub fn minor(self) -> u8 {
        self.minor
    }

    /// True when this version is 1.`minor` or newer.
    pub fn at_least(self, minor: u8) -> bool {
        self.minor >= minor
    }
}

impl Default for KubeVersion {
    fn default() -> Self {
        Self::NEWEST
    }
}

impl FromStr for KubeVersion {
    type Err = UnsupportedVersion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim().trim_start_matches('v');
        let minor = trimmed
            .strip_prefix("1.")
            .map(|rest| rest.split('.').next().unwrap_or(rest))
            .and_then(|minor| minor.parse().ok());
        minor
            .and_then(KubeVersion::new)
            .ok_or_else(|| UnsupportedVersion(text.to_owned()))
    }
}

impl TryFrom<String> for KubeVersion {
    type Error = UnsupportedVersion;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<KubeVersion> for String {
    fn from(version: KubeVersion) -> String {
        version.to_string()
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_versions_only() {
        assert_eq!("1.35".parse::<KubeVersion>().unwrap().minor(), 35);
        assert_eq!("v1.33.2".parse::<KubeVersion>().unwrap().minor(), 33);
        assert!("1.32".parse::<KubeVersion>().is_err());
        assert!("1.38".parse::<KubeVersion>().is_err());
        assert!("two".parse::<KubeVersion>().is_err());
        assert_eq!(KubeVersion::default().to_string(), "1.37");
    }

    #[test]
    fn all_lists_the_supported_range_in_order() {
        let all: Vec<String> = KubeVersion::all().map(|v| v.to_string()).collect();
        assert_eq!(all, ["1.33", "1.34", "1.35", "1.36", "1.37"]);
    }
}
