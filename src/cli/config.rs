//! Parse, then validate: the arguments of `render` and `watch` become a
//! checked [`Config`] here and nowhere else. A value that cannot mean what
//! the user wants (`-j 0`, `--shard 3/2`, a timeout of years) is an error
//! with a hint, before anything is read or written.

use std::time::Duration;

use super::args::RenderArgs;
use crate::batch::{Config, Shard};
use crate::lang::Lang;
use crate::tr;

/// Most documents at once: more threads than this only cost memory.
const MAX_JOBS: usize = 256;

/// The longest time limit per document: one day.
const MAX_TIMEOUT: u64 = 24 * 60 * 60;

/// An argument that cannot be used, in the language of the run's messages.
#[derive(Debug, thiserror::Error)]
#[error("{message}\nhint: {hint}")]
pub struct ConfigError {
    /// What is wrong, naming the argument and its value.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// The checked configuration of a `render` or `watch` run.
pub fn from_args(args: RenderArgs, lang: Lang) -> Result<Config, ConfigError> {
    let jobs = match args.jobs {
        Some(0) => {
            return Err(ConfigError {
                message: tr!(
                    lang,
                    "`--jobs 0`: er moet minstens één document tegelijk worden gemaakt",
                    "`--jobs 0`: at least one document must be made at a time"
                ),
                hint: tr!(
                    lang,
                    "laat `--jobs` weg om alle kernen te gebruiken",
                    "leave out `--jobs` to use every core"
                ),
            });
        }
        Some(n) if n > MAX_JOBS => {
            return Err(ConfigError {
                message: tr!(
                    lang,
                    "`--jobs {n}`: meer dan {MAX_JOBS} tegelijk",
                    "`--jobs {n}`: more than {MAX_JOBS} at a time"
                ),
                hint: tr!(
                    lang,
                    "laat `--jobs` weg om alle kernen te gebruiken",
                    "leave out `--jobs` to use every core"
                ),
            });
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    let shard = args.shard.as_deref().map(|text| shard(text, lang)).transpose()?;
    if args.timeout > MAX_TIMEOUT {
        return Err(ConfigError {
            message: tr!(lang, "`--timeout {}`: langer dan een dag", "`--timeout {}`: longer than a day", args.timeout),
            hint: tr!(lang, "geef seconden, of 0 voor geen grens", "give seconds, or 0 for no limit"),
        });
    }
    Ok(Config {
        data: args.data.data,
        out: args.out,
        only: args.only,
        filter: args.filter,
        jobs,
        templates: args.data.templates,
        standard: args.pdf_standard.into(),
        shard,
        emit_typst: args.emit_typst,
        woo: args.woo,
        timeout: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
        lang,
    })
}

/// Reads `--shard K/N`.
fn shard(text: &str, lang: Lang) -> Result<Shard, ConfigError> {
    let error = |message: String| ConfigError {
        message,
        hint: tr!(lang, "schrijf het deel als K/N, bijvoorbeeld 2/4", "write the part as K/N, for example 2/4"),
    };
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| error(tr!(lang, "`--shard {text}`: geen K/N", "`--shard {text}`: not K/N")))?;
    let number = |part: &str| {
        part.trim().parse::<usize>().map_err(|_| {
            error(tr!(lang, "`--shard {text}`: `{part}` is geen getal", "`--shard {text}`: `{part}` is not a number"))
        })
    };
    let (k, n) = (number(k)?, number(n)?);
    if n == 0 || k == 0 || k > n {
        return Err(error(tr!(
            lang,
            "`--shard {text}`: deel {k}/{n} bestaat niet, K loopt van 1 tot en met N",
            "`--shard {text}`: part {k}/{n} does not exist, K runs from 1 to N"
        )));
    }
    Ok(Shard { k, n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        assert_eq!(shard("2/4", Lang::Nl).unwrap(), Shard { k: 2, n: 4 });
        for bad in ["3/2", "0/2", "1/0", "x/2", "2", ""] {
            assert!(shard(bad, Lang::Nl).is_err(), "{bad}");
        }
    }
}
