//! What every command-line test needs: the binary run as a user runs it,
//! its output read back, and the usage-error contract checked.
#![allow(dead_code)] // each test file uses its own part of it

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The spec's example scenario.
pub const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/data/spec_example.json");

/// Runs `funnel-lab` with `args`, writing `stdin` (if any) to its standard input.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_funnel-lab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start funnel-lab: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A usage error may end the program before it reads its input:
        // a closed pipe is then expected, and the exit status tells the rest.
        match pipe.write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("stdin: {e}"),
            _ => {}
        }
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("funnel-lab: {e}"))
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output of a run that must have succeeded.
pub fn ok_stdout(o: &Output) -> String {
    assert!(o.status.success(), "stderr: {}", stderr(o));
    stdout(o)
}

/// Standard output of a successful run, as JSON.
pub fn json(o: &Output) -> Value {
    serde_json::from_str(&ok_stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Asserts a usage error: status 2, one line on stderr naming `needle`, nothing on stdout.
pub fn fails_with(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "stdout should be empty: {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
}
