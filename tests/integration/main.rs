//! One integration test binary: `cargo test` runs every module below.

mod build;
mod corpus;
mod docfx;
mod harness;
