//! Bodies of the catalog endpoints: `GET /api/v1/patterns` and `GET /api/v1/patterns/{slug}`.

use serde::{Deserialize, Serialize};

/// A page in the list of patterns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageSummary {
    /// The page's address: `/catalog/<slug>`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// One or two sentences about it.
    pub summary: String,
    /// Keywords to filter by.
    pub tags: Vec<String>,
    /// Its position in the list.
    pub order: i64,
}

/// A whole page, as `GET /api/v1/patterns/{slug}` answers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page {
    /// The page's address: `/catalog/<slug>`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// One or two sentences about it.
    pub summary: String,
    /// Keywords to filter by.
    pub tags: Vec<String>,
    /// Pages to read next (those that exist).
    pub related: Vec<RelatedPage>,
    /// The body as sanitized HTML.
    pub html: String,
    /// The `##` and `###` headings: the table of contents.
    pub headings: Vec<Heading>,
    /// The example manifests, in the order the front matter lists them.
    pub examples: Vec<Example>,
}

/// A link to another page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedPage {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
}

/// A heading of the table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Heading {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// The heading's text, without markup.
    pub text: String,
    /// The `id` of the heading element.
    pub anchor: String,
}

/// An example manifest of a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// Unique within the page.
    pub id: String,
    /// A one-line title.
    pub title: String,
    /// The manifest, as written.
    pub yaml: String,
    /// The manifest, highlighted.
    pub yaml_html: String,
    /// Shows on purpose what goes wrong; written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anti_pattern: bool,
    /// Its start-up and shutdown sequence as SVG; absent when it has no workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline_svg: Option<String>,
}
