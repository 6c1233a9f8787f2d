//! What the screens ask for: widgets push a [`Command`] while drawing, and the app handles
//! the frame's commands once, after the screens are drawn.

use std::path::PathBuf;

use crate::model::{Direction, EntryId, EntryKind, ExportFormat, HealthColour};

/// Which screen fills the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Scan,
    Register,
    Vehicle,
    Log,
    Shift,
    Settings,
}

/// A leader's pass task as Settings asks for it; issuing a pass is [`Command::IssuePass`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassAction {
    /// Only read the key id and the register.
    Load,
    CreateKey,
    /// Write our public key into `out_dir` for neighbouring checkpoints.
    ExportPublicKey {
        out_dir: PathBuf,
    },
    /// Trust a neighbour's public key file.
    TrustNeighbour {
        file: PathBuf,
    },
    Revoke {
        pass_id: String,
    },
    /// Print the card just issued (`lp`, else the browser, else say where it is).
    PrintCard {
        card: PathBuf,
    },
    /// Open the card just issued in the picture viewer.
    OpenCard {
        card: PathBuf,
    },
}

/// Everything a widget can ask the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ShowScreen(Screen),
    ToggleLanguage,
    SetDirection(Direction),
    ConfirmColour(HealthColour),
    /// Save the person in the form (Enter).
    ConfirmPerson,
    /// Drop the current form without saving (Esc).
    CancelPerson,
    /// Save the Register screen's person; keep the form open for a companion if asked.
    SaveRegistration {
        add_companion: bool,
    },
    /// Save the vehicle; with `board`, then scan its passengers one by one, linked to it.
    SaveVehicle {
        board: bool,
    },
    /// All passengers of the boarding vehicle are registered.
    FinishBoarding,
    SaveSettings,
    SignIn,
    OpenShift,
    CloseShift,
    BuildReport,
    Export(ExportFormat),
    /// Write the printable report and open it in the browser (or send it to the printer).
    Print,
    /// Export this gate's recent entries, with keyed hashes, for neighbouring kiosks.
    ExportForNeighbours,
    /// Look for plugged-in USB drives to export to.
    FindUsbDrives,
    /// Run the first-run setup again (from Settings).
    RunSetupAgain,
    /// Merge a neighbouring kiosk's export (so its visitors count as repeats here).
    ImportNeighbours(PathBuf),
    ImportTrust(PathBuf),
    /// A new risk-area list (CSV or JSON, usually from a USB stick).
    ImportRiskList(PathBuf),
    /// A pass task (keys, trust, revoke) for the "passes" thread.
    Pass(PassAction),
    /// Issue a pass from the Settings form.
    IssuePass,
    RefreshLog,
    OpenEntry {
        entry_id: EntryId,
        kind: EntryKind,
    },
    VoidEntry {
        entry_id: EntryId,
        reason: String,
    },
    OpenImage(PathBuf),
}
