//! One integration test binary: `cargo test` runs every module below.

mod build;
mod check;
mod cli;
mod corpus;
mod docfx;
mod harness;
mod hostile;
mod killtest;
mod license;
mod security;
mod serve;
