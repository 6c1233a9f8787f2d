//! Words the kiosk stores as values, not as phrases: they are kept in SQLite and in exports as
//! earlier versions wrote them, parsed back from stores and imports, and worded for the reader
//! by `text` when shown.

/// The start of a pass's masked code label: "出入证 P0123456789 张*".
pub const PASS_LABEL: &str = "出入证";

/// Who records entries while nobody has signed in: a placeholder, never a person on duty
/// (`text::report::UNNAMED_OPERATOR` words it for the reader).
pub const UNNAMED_OPERATOR: &str = "值守员";
