//! The secret kept outside the database: the pepper for PIN hashes and the
//! key of the audit HMAC. Created at first run with mode 0600.

use std::io::Write;
use std::path::Path;

use super::{Result, StoreError};

/// 32 random bytes, stored as hex in the key file.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    pub(super) fn empty() -> Secret {
        Secret(Vec::new())
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Read the key file, or create it when the database is new. A missing
    /// key for a database that already has history is an error: without it
    /// no PIN verifies and the audit chain cannot be checked.
    pub fn load_or_create(path: &Path, has_history: bool) -> Result<Secret> {
        let err = |message: String| StoreError::Key {
            path: path.to_path_buf(),
            message,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => {
                check_owner_only(path).map_err(err)?;
                parse_key(&text).map(Secret).map_err(err)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if has_history {
                    return Err(err(
                        "missing, but the database already has accounts and events; \
                         restore the key file that belongs to this database"
                            .into(),
                    ));
                }
                let mut bytes = vec![0u8; 32];
                rand::Rng::fill(&mut rand::thread_rng(), bytes.as_mut_slice());
                write_new(path, &hex::encode(&bytes)).map_err(|e| err(e.to_string()))?;
                Ok(Secret(bytes))
            }
            Err(e) => Err(err(e.to_string())),
        }
    }
}

/// The key: exactly 64 hex digits (32 bytes), optionally followed by one
/// newline. Anything else (padding, a second line, a short key) is refused:
/// a padded key would be accepted and then fail every PIN.
fn parse_key(text: &str) -> Result<Vec<u8>, String> {
    let hex_text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text);
    if hex_text.len() != 64 || !hex_text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "not a key: it must hold exactly 64 hex digits (32 bytes) and at most a newline, \
             found {} characters",
            text.chars().count()
        ));
    }
    hex::decode(hex_text).map_err(|e| format!("not a valid key ({e})"))
}

/// A key that group or others can read is refused, as ssh refuses such a
/// private key: say the command that fixes it.
#[cfg(unix)]
fn check_owner_only(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| e.to_string())?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "permissions {:04o} are too open: group or others can read the key; \
             run: chmod 600 {}",
            mode & 0o7777,
            path.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner_only(_path: &Path) -> Result<(), String> {
    Ok(())
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_dir_private(dir)?;
    }
    let mut f = crate::files::create_new_private(path)?;
    f.write_all(text.as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_exactly_64_hex_digits_and_a_newline_at_most() {
        let hex64 = "ab".repeat(32);
        assert_eq!(parse_key(&hex64).unwrap().len(), 32);
        assert_eq!(parse_key(&format!("{hex64}\n")).unwrap().len(), 32);
        assert_eq!(parse_key(&format!("{hex64}\r\n")).unwrap().len(), 32);
        for bad in [
            format!("{hex64}00"),
            format!("{hex64}\n\n"),
            format!("{hex64} "),
            format!(" {hex64}"),
            hex64[..62].to_owned(),
            format!("{}zz", &hex64[..62]),
            String::new(),
        ] {
            let e = parse_key(&bad).expect_err(&bad);
            assert!(e.contains("64 hex digits"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_key_others_can_read_is_refused_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.key");
        let created = Secret::load_or_create(&path, false).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            Secret::load_or_create(&path, true).unwrap().bytes(),
            created.bytes()
        );
        for open in [0o644, 0o640, 0o604] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(open)).unwrap();
            let e = Secret::load_or_create(&path, true).unwrap_err().to_string();
            assert!(e.contains(&format!("chmod 600 {}", path.display())), "{e}");
        }
    }
}
