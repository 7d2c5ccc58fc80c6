#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| copydesk_fuzz::fix(data));
