//! Reading the configuration file: [`load`] and [`parse`], [`ConfigError`],
//! and turning toml's errors into `file:line: key` messages. The helpers
//! that find a key's line are shared with the checks after parsing.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Config;
use super::validate::validate;

/// Writes `:<line>` or nothing.
struct LineSuffix(Option<usize>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

/// Why the configuration could not be loaded. The `Display` text names the
/// file, the line (1-based) and the dotted key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: configuration file not found", .file.display())]
    NotFound { file: PathBuf },
    /// No `--config`, no `$DC_ACCESS_CONFIG`, and neither default file.
    #[error("no configuration file: none given with --config or $DC_ACCESS_CONFIG, and neither {} nor {} exists", .checkout.display(), .system.display())]
    NoneFound { checkout: PathBuf, system: PathBuf },
    #[error("{}: cannot read configuration file: {source}", .file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not valid TOML at all.
    #[error("{}{}: {message}", .file.display(), LineSuffix(*.line))]
    Syntax {
        file: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A key the program does not know (often a typo).
    #[error("{}{}: unknown key `{key}`{}", .file.display(), LineSuffix(*.line),
        if .allowed.is_empty() { String::new() } else { format!(" (allowed here: {})", .allowed) })]
    UnknownKey {
        file: PathBuf,
        line: Option<usize>,
        key: String,
        allowed: String,
    },
    /// A known key with a wrong type or an unacceptable value.
    #[error("{}{}: key `{key}`: {message}", .file.display(), LineSuffix(*.line))]
    Invalid {
        file: PathBuf,
        line: Option<usize>,
        key: String,
        message: String,
    },
}

impl ConfigError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            Self::NotFound { file }
            | Self::NoneFound { checkout: file, .. }
            | Self::Io { file, .. }
            | Self::Syntax { file, .. }
            | Self::UnknownKey { file, .. }
            | Self::Invalid { file, .. } => file,
        }
    }

    /// The 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Syntax { line, .. }
            | Self::UnknownKey { line, .. }
            | Self::Invalid { line, .. } => *line,
            Self::NotFound { .. } | Self::NoneFound { .. } | Self::Io { .. } => None,
        }
    }

    /// The dotted key, when the error is about one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::UnknownKey { key, .. } | Self::Invalid { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// Reads and validates the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ConfigError::NotFound {
                file: path.to_owned(),
            }
        } else {
            ConfigError::Io {
                file: path.to_owned(),
                source,
            }
        }
    })?;
    parse(&text, path)
}

/// Parses and validates configuration `text`; `file` is only used in errors.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    // Syntax first, so a broken file is never blamed on a key.
    if let Err(e) = text.parse::<toml::Table>() {
        return Err(ConfigError::Syntax {
            file: file.to_owned(),
            line: e.span().map(|s| line_of_offset(text, s.start)),
            message: e.message().trim().to_owned(),
        });
    }
    let config: Config = toml::from_str(text).map_err(|e| toml_error(&e, text, file))?;
    validate(&config, text, file)?;
    Ok(config)
}

// ---------------------------------------------------------------------------
// Turning toml errors into file:line: key errors

fn toml_error(err: &toml::de::Error, text: &str, file: &Path) -> ConfigError {
    let file = file.to_owned();
    let line = err.span().map(|s| line_of_offset(text, s.start));
    let message = err.message().trim().to_owned();
    let located = line.map(|l| key_at_line(text, l));
    let path_keys = error_keys(err);

    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = tail
            .trim_start_matches(", expected ")
            .trim_start_matches("one of ")
            .to_owned();
        let key = match (&located, path_keys) {
            (Some(LineKey { key: Some(k), .. }), _) if k.ends_with(name) => k.clone(),
            (_, Some(keys)) if keys.ends_with(name) => keys,
            (Some(LineKey { table, .. }), _) => join_key(table, name),
            (None, Some(keys)) => join_key(&keys, name),
            (None, None) => name.to_owned(),
        };
        return ConfigError::UnknownKey {
            file,
            line,
            key,
            allowed,
        };
    }

    let key = path_keys.or_else(|| {
        located.and_then(|lk| {
            lk.key
                .or_else(|| (!lk.table.is_empty()).then_some(lk.table))
        })
    });
    match key {
        Some(key) => ConfigError::Invalid {
            file,
            line,
            key,
            message: friendly(&message),
        },
        None => ConfigError::Syntax {
            file,
            line,
            message,
        },
    }
}

/// The dotted key path toml recorded for a deserialization error, if any.
/// toml only prints it when it has no input to quote, so render a copy
/// without input and read its last line, ``in `a.b` ``.
fn error_keys(err: &toml::de::Error) -> Option<String> {
    let mut bare = err.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let last = shown.lines().last()?;
    let keys = last.strip_prefix("in `")?.strip_suffix('`')?;
    (!keys.is_empty()).then(|| keys.to_owned())
}

/// Rewords serde's type errors for an IT admin.
fn friendly(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_owned();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_owned();
    };
    let expected = match expected {
        "a sequence" => "an array".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "u32" | "u8" | "u16" | "u64" | "usize" => "a whole number (0 or more)".to_owned(),
        other => other.to_owned(),
    };
    format!("expected {expected}, found {found}")
}

fn join_key(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_owned()
    } else {
        format!("{table}.{key}")
    }
}

/// 1-based line of a byte offset.
fn line_of_offset(text: &str, offset: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < offset)
        .filter(|(_, c)| *c == '\n')
        .count()
        + 1
}

/// What a line tells about its position in the document.
struct LineKey {
    /// The `[table]` in force at that line ("" for the top level).
    table: String,
    /// The dotted key assigned on that line or the nearest line above it
    /// within the same table (for elements of multi-line arrays).
    key: Option<String>,
}

/// A `[table]` header's name, if `line` is one.
fn header_name(line: &str) -> Option<String> {
    let t = strip_comment(line).trim();
    let inner = t
        .strip_prefix("[[")
        .and_then(|s| s.strip_suffix("]]"))
        .or_else(|| t.strip_prefix('[').and_then(|s| s.strip_suffix(']')))?;
    Some(normalise_key(inner))
}

/// The (possibly dotted) bare key assigned on `line`, if it is `key = ...`.
fn assigned_key(line: &str) -> Option<String> {
    let (lhs, _) = line.split_once('=')?;
    let lhs = lhs.trim();
    let ok = !lhs.is_empty()
        && lhs
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t' | '"'));
    ok.then(|| normalise_key(lhs))
}

fn normalise_key(k: &str) -> String {
    k.split('.')
        .map(|p| p.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".")
}

fn strip_comment(line: &str) -> &str {
    // Good enough for headers: they never hold `#` in this file.
    line.split_once('#').map_or(line, |(a, _)| a)
}

fn key_at_line(text: &str, line: usize) -> LineKey {
    let lines: Vec<&str> = text.lines().collect();
    let upto = line.min(lines.len());
    let mut key = None;
    let mut table = None;
    for l in lines[..upto].iter().rev() {
        if let Some(h) = header_name(l) {
            if key.is_none() && table.is_none() && std::ptr::eq(*l, lines[upto - 1]) {
                // The error is on the header itself.
                return LineKey {
                    table: h.clone(),
                    key: Some(h),
                };
            }
            table = Some(h);
            break;
        }
        if key.is_none() {
            key = assigned_key(l);
        }
    }
    let table = table.unwrap_or_default();
    LineKey {
        key: key.map(|k| join_key(&table, &k)),
        table,
    }
}

/// 1-based line where dotted `key` is assigned (or its table declared).
pub(super) fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(h) = header_name(l) {
            if h == key {
                return Some(i + 1);
            }
            table = h;
        } else if let Some(k) = assigned_key(l)
            && join_key(&table, &k) == key
        {
            return Some(i + 1);
        }
    }
    None
}

/// 1-based line of the `nth` (0-based) occurrence of `needle` at or after
/// `from` (1-based), falling back to `from`.
pub(super) fn line_of_value(text: &str, from: usize, needle: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from - 1)
        .flat_map(|(i, l)| std::iter::repeat_n(i + 1, l.matches(needle).count()))
        .nth(nth)
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_default() {
        assert_eq!(parse("", Path::new("x.toml")).unwrap(), Config::default());
    }

    #[test]
    fn line_of_key_finds_tables_and_keys() {
        let t = "a = 1\n[visit]\nbadges = [\n  \"x\",\n]\n";
        assert_eq!(line_of_key(t, "a"), Some(1));
        assert_eq!(line_of_key(t, "visit"), Some(2));
        assert_eq!(line_of_key(t, "visit.badges"), Some(3));
        assert_eq!(line_of_key(t, "badges"), None);
    }
}
