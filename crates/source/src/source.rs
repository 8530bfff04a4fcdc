use uuid::Uuid;

use crate::{CitationKey, DateDetail, PartialDate, Person, Reliability, SourceType, Timestamp};

/// One source in the library: an article, a report, a communiqué, a post.
///
/// `id` is stable for the source's whole life (sync and claims refer to it); `key` is the
/// human citation key briefs use and may be renamed.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: Uuid,
    pub key: CitationKey,
    pub kind: SourceType,
    pub title: String,
    /// The title rendered in another language (see [`crate::SourceField::TranslatedTitle`]).
    pub translated_title: Option<String>,
    /// The journal, newspaper, web site or book the source appears in.
    pub container_title: Option<String>,
    pub authors: Vec<Person>,
    pub publisher: Option<String>,
    pub issued: Option<PartialDate>,
    /// What the file said of the issued date beyond `issued` (a range's end, a season,
    /// circa, words, another calendar); ignored once `issued` is edited (see
    /// [`DateDetail::applies_to`]).
    pub issued_detail: DateDetail,
    pub url: Option<String>,
    pub doi: Option<String>,
    /// BCP 47 language tag of the source's text (`ar`, `fr`, `en`).
    pub language: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<PartialDate>,
    pub accessed_detail: DateDetail,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub grade: Option<Grading>,
    pub excerpts: Vec<Excerpt>,
}

/// A reliability grade with who gave it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grading {
    pub reliability: Reliability,
    /// The analyst's name (from their config), empty when unknown (e.g. imported).
    pub graded_by: String,
    pub graded_at: Timestamp,
}

/// A quoted passage of a source, with where in the source it is (`p. 12`, `§ 4`).
/// Claims cite excerpts to say exactly which passage supports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub id: Uuid,
    pub text: String,
    pub locator: Option<String>,
}

impl Source {
    /// A new source with a fresh id and only a key and title.
    pub fn new(key: CitationKey, title: &str) -> Self {
        Self::with_id(Uuid::new_v4(), key, title)
    }

    /// A source with this id and only a key and title: what a reader fills in field by
    /// field (drawing a fresh id for each row read would cost a random number each).
    pub fn with_id(id: Uuid, key: CitationKey, title: &str) -> Self {
        Self {
            id,
            key,
            kind: SourceType::Other,
            title: title.trim().to_owned(),
            translated_title: None,
            container_title: None,
            authors: Vec::new(),
            publisher: None,
            issued: None,
            issued_detail: DateDetail::default(),
            url: None,
            doi: None,
            language: None,
            pages: None,
            accessed: None,
            accessed_detail: DateDetail::default(),
            notes: None,
            tags: Vec::new(),
            grade: None,
            excerpts: Vec::new(),
        }
    }

    /// The issued date's detail, when it describes the date `issued` holds.
    pub fn issued_detail(&self) -> Option<&DateDetail> {
        self.issued_detail.applies_to(self.issued).then_some(&self.issued_detail)
    }

    /// The access date's detail, when it describes the date `accessed` holds.
    pub fn accessed_detail(&self) -> Option<&DateDetail> {
        self.accessed_detail.applies_to(self.accessed).then_some(&self.accessed_detail)
    }

    /// The issued date as a front end shows it: with its detail in EDTF (`2017-21`,
    /// `2017-04-23/2017-04-26`, `1850~`), or the words the file wrote when they say more
    /// (`13th cent`, `1446 هـ`), else `2025-11`.
    pub fn issued_shown(&self) -> Option<String> {
        shown(self.issued, self.issued_detail())
    }

    /// The access date as a front end shows it (see [`Source::issued_shown`]).
    pub fn accessed_shown(&self) -> Option<String> {
        shown(self.accessed, self.accessed_detail())
    }

    pub fn reliability(&self) -> Option<Reliability> {
        self.grade.as_ref().map(|g| g.reliability)
    }

    /// The DOI without resolver prefix, lowercased (DOIs are case-insensitive).
    pub fn normalized_doi(&self) -> Option<String> {
        let doi = self.doi.as_deref()?.trim();
        let lower = doi.to_lowercase();
        let bare = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
            .iter()
            .find_map(|prefix| lower.strip_prefix(prefix))
            .unwrap_or(&lower);
        (!bare.is_empty()).then(|| bare.to_owned())
    }

    /// The URL compared loosely: no scheme, no `www.`, no fragment, no trailing slash,
    /// no tracking parameters (`utm_*`), host lowercased.
    pub fn normalized_url(&self) -> Option<String> {
        normalize_url(self.url.as_deref()?)
    }
}

fn shown(date: Option<PartialDate>, detail: Option<&DateDetail>) -> Option<String> {
    match detail {
        Some(detail) => detail.literal.clone().or_else(|| detail.edtf()),
        None => date.map(|d| d.to_string()),
    }
}

/// See [`Source::normalized_url`].
pub fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host_path, query) = match rest.split_once('?') {
        Some((hp, q)) => (hp, Some(q)),
        None => (rest, None),
    };
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    let mut out = String::from(host);
    if !path.is_empty() {
        out.push('/');
        out.push_str(path);
    }
    if let Some(query) = query {
        let mut kept: Vec<&str> = query
            .split('&')
            .filter(|p| {
                !p.is_empty() && !p.starts_with("utm_") && !p.starts_with("fbclid=") && !p.starts_with("gclid=")
            })
            .collect();
        kept.sort_unstable();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_url(url: &str) -> Source {
        let mut s = Source::new(CitationKey::parse("k").unwrap(), "t");
        s.url = Some(url.into());
        s
    }

    #[test]
    fn urls_compare_loosely() {
        let a = with_url("https://www.LeMonde.fr/afrique/article/2025/11/05/x.html?utm_source=tw#top");
        let b = with_url("http://lemonde.fr/afrique/article/2025/11/05/x.html");
        assert_eq!(a.normalized_url(), b.normalized_url());
        let c = with_url("https://acleddata.com/x/?b=2&a=1");
        let d = with_url("https://acleddata.com/x?a=1&b=2");
        assert_eq!(c.normalized_url(), d.normalized_url());
        assert_ne!(with_url("https://a.org/x").normalized_url(), with_url("https://a.org/y").normalized_url());
    }

    #[test]
    fn dois_compare_without_prefix_or_case() {
        let mut s = Source::new(CitationKey::parse("k").unwrap(), "t");
        s.doi = Some("https://doi.org/10.1080/ABC".into());
        assert_eq!(s.normalized_doi().as_deref(), Some("10.1080/abc"));
        s.doi = Some("doi:10.1080/abc".into());
        assert_eq!(s.normalized_doi().as_deref(), Some("10.1080/abc"));
    }
}
