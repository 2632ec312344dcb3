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
                let bytes =
                    hex::decode(text.trim()).map_err(|e| err(format!("not a valid key ({e})")))?;
                if bytes.len() < 32 {
                    return Err(err("too short: expected 32 bytes of hex".into()));
                }
                Ok(Secret(bytes))
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

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()
}
