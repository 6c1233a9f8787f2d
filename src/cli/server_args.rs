//! Where the district's PostgreSQL server is, as `district` and `district bench` are told it.

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// postgresql://USER@HOST:PORT/DB[?sslmode=require]
    #[arg(long, value_name = "URL")]
    pub postgres: String,
    /// A file holding the password of the URL's user (else PGPASSFILE / ~/.pgpass)
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}
