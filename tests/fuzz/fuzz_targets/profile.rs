//! The shared config and credentials files: `runtime::ini` on the text, and
//! `runtime::profile` loading both files (split at the first NUL byte) from a
//! fixed file system and selecting the profile named after the second NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinpoint_sms_voice_v2::runtime::ini;
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::runtime::profile::{ProfileName, SharedFiles};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let config = parts.next().unwrap_or_default();
    let credentials = parts.next().unwrap_or_default();
    let name = String::from_utf8_lossy(parts.next().unwrap_or(b"default"));

    if let Ok(text) = std::str::from_utf8(config) {
        if let Ok(parsed) = ini::parse(text) {
            for section in parsed.sections() {
                for (key, value) in section.properties() {
                    let _ = (section.name(), key, value.as_text(), section.get(key));
                }
            }
            let _ = parsed.config_profiles();
        }
    }

    let env = Env::from_vars([("HOME", "/home/fuzz")]);
    let fs = Fs::from_files([("/home/fuzz/.aws/config", config), ("/home/fuzz/.aws/credentials", credentials)]);
    if let Ok(files) = SharedFiles::load(&env, &fs) {
        let _ = files.not_found();
        if let Ok(Some(profile)) = files.selected(&ProfileName::explicit(name.as_ref())) {
            for key in ["region", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", &*name] {
                let _ = (profile.get(key), profile.has(key));
            }
            let _ = (profile.config_section(), profile.credentials_section());
        }
    }
});
