//! Domain model tests: validators against real vectors, regions, properties.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

mod architecture;
mod circles;
mod props;
mod regions;
mod vectors;
