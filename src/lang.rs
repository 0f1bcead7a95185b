//! Languages and the one way words are chosen by language.
//!
//! Everything that is written for a person — a message on stderr, a label
//! in a document, a chart title — is chosen with [`Lang::pick`] (fixed
//! words) or [`tr!`](crate::tr) (words with values in them), from a [`Lang`] that is
//! passed in. There is no global language: a document's words follow its
//! own `taal`, and a run's messages follow `--lang`.
//!
//! What goes wrong is said in [`Words`] ([`say!`](crate::say)): the
//! sentence in every language, the one shown chosen when it is printed, so
//! a problem or error does not carry a language of its own.

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

/// A sentence in every language the tool speaks — what a problem or an error
/// says, or its hint — the one shown chosen when it is printed
/// ([`Words::get`]). It has no `Display`: whoever prints it names the
/// language.
///
/// ```
/// use missiedocs::{lang::Lang, say};
/// let sheet = "Missies";
/// let words = say!("blad `{sheet}` ontbreekt", "sheet `{sheet}` is missing");
/// assert_eq!(words.get(Lang::Nl), "blad `Missies` ontbreekt");
/// assert_eq!(words.get(Lang::En), "sheet `Missies` is missing");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Words(Box<[String; 2]>);

impl Words {
    /// The words in each language, made by asking for each.
    pub fn by(mut say: impl FnMut(Lang) -> String) -> Words {
        Words(Box::new([say(Lang::Nl), say(Lang::En)]))
    }

    /// A text that reads the same in every language: a name, a value, or
    /// the message of a library that speaks one language.
    pub fn same(text: impl Into<String>) -> Words {
        let text = text.into();
        Words(Box::new([text.clone(), text]))
    }

    /// The words in a language.
    pub fn get(&self, lang: Lang) -> &str {
        let [nl, en] = &*self.0;
        lang.pick(nl, en)
    }

    /// The words changed the same way in each language.
    pub fn map(&self, mut change: impl FnMut(Lang, &str) -> String) -> Words {
        Words::by(|lang| change(lang, self.get(lang)))
    }
}

/// [`Words`] with values in them: `say!("blad `{name}` ontbreekt", "sheet
/// `{name}` is missing")`. Both texts take the same arguments; each is
/// formatted (so an argument is evaluated once per language — pass values,
/// not calls with effects).
#[macro_export]
macro_rules! say {
    ($nl:literal, $en:literal $(, $($arg:tt)*)?) => {
        $crate::lang::Words::by(|lang| $crate::tr!(lang, $nl, $en $(, $($arg)*)?))
    };
}
