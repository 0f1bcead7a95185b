//! Languages and the one way words are chosen by language.
//!
//! Everything that is written for a person — a message on stderr, a label
//! in a document, a chart title — is chosen with [`Lang::pick`] (fixed
//! words) or [`tr!`](crate::tr) (words with values in them), from a [`Lang`] that is
//! passed in. There is no global language: a run's messages follow
//! `--lang`, a document's words follow its own `taal`, and an error keeps
//! the language it was written in.

/// The months, in Dutch.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The months, in English.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A language: of messages (the command line's `--lang`) or of a document
/// (its `taal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch, the default.
    #[default]
    Nl,
    /// English, on request.
    En,
}

impl Lang {
    /// Reads a language code (`nl`, `en`, `NL`, `Nederlands`, `English`).
    ///
    /// ```
    /// use missiedocs::lang::Lang;
    /// assert_eq!(Lang::parse(" English "), Some(Lang::En));
    /// assert_eq!(Lang::parse(""), Some(Lang::Nl));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "" | "nl" | "nld" | "nederlands" | "dutch" => Some(Lang::Nl),
            "en" | "eng" | "engels" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The Dutch or the English of something.
    ///
    /// ```
    /// use missiedocs::lang::Lang;
    /// assert_eq!(Lang::En.pick("Pagina", "Page"), "Page");
    /// ```
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// A text in a language: `tr!(lang, "blad `{name}` ontbreekt", "sheet `{name}` is missing")`.
/// Both texts take the same arguments; only the chosen one is formatted
/// ([`Lang::pick`] for texts with values in them).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $nl:literal, $en:literal $(, $($arg:tt)*)?) => {
        match $lang {
            $crate::lang::Lang::Nl => format!($nl $(, $($arg)*)?),
            $crate::lang::Lang::En => format!($en $(, $($arg)*)?),
        }
    };
}
