//! Parse, then validate: the arguments of `render` and `watch` become a
//! checked [`Config`] here and nowhere else. A value that cannot mean what
//! the user wants (`-j 0`, `--shard 3/2`, a timeout of years) is an error
//! with a hint, before anything is read or written.

use std::time::Duration;

use super::args::RenderArgs;
use crate::batch::{Config, Shard};
use crate::error::Failure;
use crate::lang::{Lang, Words};
use crate::say;

/// Most documents at once: more threads than this only cost memory.
const MAX_JOBS: usize = 256;

/// The longest time limit per document: one day.
const MAX_TIMEOUT: u64 = 24 * 60 * 60;

/// The checked configuration of a `render` or `watch` run.
pub fn from_args(args: RenderArgs, lang: Lang) -> Result<Config, Failure> {
    let jobs = match args.jobs {
        Some(0) => {
            return Err(Failure::new(say!(
                "`--jobs 0`: er moet minstens één document tegelijk worden gemaakt",
                "`--jobs 0`: at least one document must be made at a time"
            ))
            .hint(say!("laat `--jobs` weg om alle kernen te gebruiken", "leave out `--jobs` to use every core")));
        }
        Some(n) if n > MAX_JOBS => {
            return Err(Failure::new(say!(
                "`--jobs {n}`: meer dan {MAX_JOBS} tegelijk",
                "`--jobs {n}`: more than {MAX_JOBS} at a time"
            ))
            .hint(say!("laat `--jobs` weg om alle kernen te gebruiken", "leave out `--jobs` to use every core")));
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    let shard = args.shard.as_deref().map(shard).transpose()?;
    if args.timeout > MAX_TIMEOUT {
        return Err(Failure::new(say!(
            "`--timeout {}`: langer dan een dag",
            "`--timeout {}`: longer than a day",
            args.timeout
        ))
        .hint(say!("geef seconden, of 0 voor geen grens", "give seconds, or 0 for no limit")));
    }
    let woo_url = args.woo_url.as_deref().map(crate::output::sitemaps::base_url).transpose()?;
    // Sitemaps name everything published: a run of some documents would
    // drop the others from the Woo-index.
    if woo_url.is_some() && (!args.only.is_empty() || !args.filter.is_empty()) {
        return Err(Failure::new(say!(
            "`--woo-url` gaat niet samen met `--only` of `--filter`: de sitemaps noemen elk gepubliceerd document, en deze run maakt er maar een deel van",
            "`--woo-url` cannot be used with `--only` or `--filter`: the sitemaps name every published document, and this run makes only some"
        ))
        .hint(say!(
            "maak de sitemaps met een run van alle documenten; voor een deel is `--woo` genoeg",
            "make the sitemaps with a run of every document; for some, `--woo` is enough"
        )));
    }
    // Opened before anything is made: a wrong password, an expired
    // certificate or a key that cannot sign stops the run here.
    let moment = crate::output::moment();
    let seal = args
        .zegel
        .as_deref()
        .map(|path| crate::output::seal::Seal::open(path, moment, args.tijdstempel.as_deref()).map(std::sync::Arc::new))
        .transpose()?;
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
        woo: args.woo || woo_url.is_some(),
        woo_url,
        mdto: args.mdto,
        seal,
        moment,
        timeout: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
        lang,
        ahead: true,
    })
}

/// Reads `--shard K/N`.
fn shard(text: &str) -> Result<Shard, Failure> {
    let error = |message: Words| {
        Failure::new(message)
            .hint(say!("schrijf het deel als K/N, bijvoorbeeld 2/4", "write the part as K/N, for example 2/4"))
    };
    let (k, n) =
        text.split_once('/').ok_or_else(|| error(say!("`--shard {text}`: geen K/N", "`--shard {text}`: not K/N")))?;
    let number = |part: &str| {
        part.trim().parse::<usize>().map_err(|_| {
            error(say!("`--shard {text}`: `{part}` is geen getal", "`--shard {text}`: `{part}` is not a number"))
        })
    };
    let (k, n) = (number(k)?, number(n)?);
    if n == 0 || k == 0 || k > n {
        return Err(error(say!(
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
        assert_eq!(shard("2/4").unwrap(), Shard { k: 2, n: 4 });
        for bad in ["3/2", "0/2", "1/0", "x/2", "2", ""] {
            assert!(shard(bad).is_err(), "{bad}");
        }
    }
}
