//! Splitting a command line into words, and parsing `--long-option [value]` flags the way
//! Kafka's tools (joptsimple) accept them: `--topic orders` or `--topic=orders`, options in any
//! order, repeated options collected in order.

use std::collections::BTreeMap;

/// One option a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct OptSpec {
    /// The name without dashes (`topic`).
    pub name: &'static str,
    /// Whether it takes a value.
    pub takes_value: bool,
}

/// Shorthand for an option with a value.
pub const fn value(name: &'static str) -> OptSpec {
    OptSpec {
        name,
        takes_value: true,
    }
}

/// Shorthand for a flag.
pub const fn flag(name: &'static str) -> OptSpec {
    OptSpec {
        name,
        takes_value: false,
    }
}

/// Parsed options and positional words.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    opts: BTreeMap<&'static str, Vec<String>>,
    /// Words that are not options, in order.
    pub positional: Vec<String>,
}

impl Parsed {
    /// True if the option was given.
    pub fn has(&self, name: &str) -> bool {
        self.opts.contains_key(name)
    }

    /// The last value of an option.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.opts.get(name)?.last().map(String::as_str)
    }

    /// Every value of a repeated option, in order.
    pub fn values(&self, name: &str) -> &[String] {
        self.opts.get(name).map_or(&[], |v| v.as_slice())
    }

    /// An error naming the first word that is not an option, if there is one (for commands
    /// that take options only). `cmd` prefixes the message.
    pub fn only_options(&self, cmd: &str) -> Result<(), String> {
        match self.positional.first() {
            Some(x) => Err(format!(
                "{cmd}unexpected argument '{x}' (options start with --)"
            )),
            None => Ok(()),
        }
    }

    /// The value parsed as a number, with joptsimple's complaint if it is not one.
    pub fn number<N: std::str::FromStr>(&self, name: &str) -> Result<Option<N>, String> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("Cannot parse argument '{v}' of option {name}")),
        }
    }
}

/// Splits a line into words with shell quoting rules (`'a b'`, `"a b"`, `a\ b`).
pub fn split_words(line: &str) -> Result<Vec<String>, String> {
    shlex::split(line).ok_or_else(|| "unbalanced quotes or a trailing backslash".to_string())
}

/// Parses `words` against `specs`.
pub fn parse(words: &[String], specs: &[OptSpec]) -> Result<Parsed, String> {
    let mut out = Parsed::default();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        let Some(body) = w.strip_prefix("--").filter(|b| !b.is_empty()) else {
            out.positional.push(w.clone());
            continue;
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("{name} is not a recognized option"))?;
        let v = if spec.takes_value {
            match inline {
                Some(v) => v,
                None => {
                    let v = words
                        .get(i)
                        .filter(|v| !v.starts_with("--"))
                        .ok_or_else(|| format!("Option {name} requires an argument"))?;
                    i += 1;
                    v.clone()
                }
            }
        } else {
            if inline.is_some() {
                return Err(format!("Option {name} does not take an argument"));
            }
            String::new()
        };
        out.opts.entry(spec.name).or_default().push(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        split_words(s).unwrap()
    }

    #[test]
    fn parses_values_flags_and_repeats() {
        let specs = [value("topic"), value("config"), flag("create")];
        let p = parse(
            &w("--create --topic=orders --config a=1 --config 'b = 2' extra"),
            &specs,
        )
        .unwrap();
        assert!(p.has("create"));
        assert_eq!(p.value("topic"), Some("orders"));
        assert_eq!(p.values("config"), ["a=1", "b = 2"]);
        assert_eq!(p.positional, ["extra"]);
    }

    #[test]
    fn errors_name_the_problem() {
        let specs = [value("partitions"), flag("list")];
        assert_eq!(
            parse(&w("--nope"), &specs).unwrap_err(),
            "nope is not a recognized option"
        );
        assert_eq!(
            parse(&w("--partitions"), &specs).unwrap_err(),
            "Option partitions requires an argument"
        );
        assert_eq!(
            parse(&w("--partitions --list"), &specs).unwrap_err(),
            "Option partitions requires an argument"
        );
        assert_eq!(
            parse(&w("--list=yes"), &specs).unwrap_err(),
            "Option list does not take an argument"
        );
        let p = parse(&w("--partitions x"), &specs).unwrap();
        assert_eq!(
            p.number::<u32>("partitions").unwrap_err(),
            "Cannot parse argument 'x' of option partitions"
        );
        assert!(split_words("echo 'unterminated").is_err());
    }
}
