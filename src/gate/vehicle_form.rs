//! A vehicle at the gate: plate, type, origin, passengers, cargo. A vehicle from a mid/high-risk
//! origin is sent to the inspection area.
//!
//! Pure state, no drawing: the Vehicle screen draws it.

use crate::model::plate::{Plate, RecordedPlateKind};
use crate::model::risk::RiskList;
use crate::model::risk_origin::OriginCheck;
use crate::model::{Decision, Direction, NewVehicleEntry};
use crate::text::Said;

/// Vehicle types offered at the gate (stable names for storage and reports, and their words).
pub use crate::text::terms::VEHICLE_TYPES;

#[derive(Debug, Clone, PartialEq)]
pub struct VehicleForm {
    pub plate_text: String,
    /// Plates GA 36 does not cover (temporary, military, armed police): free text.
    pub plate_other: bool,
    pub vehicle_type: &'static str,
    pub origin: String,
    pub passengers: u32,
    pub cargo: String,
    pub direction: Direction,
    pub decision_override: Option<Decision>,
}

impl Default for VehicleForm {
    fn default() -> Self {
        Self {
            plate_text: String::new(),
            plate_other: false,
            vehicle_type: "car",
            origin: String::new(),
            passengers: 1,
            cargo: String::new(),
            direction: Direction::In,
            decision_override: None,
        }
    }
}

impl VehicleForm {
    /// The origin as typed, judged against the risk list with the plate's province as a hint.
    pub fn origin_check(&self, risks: &RiskList) -> OriginCheck {
        risks.check_origin(&self.origin, Some(&self.plate_text))
    }

    /// Diverted (分流) when the origin is at risk, unless the volunteer chose otherwise.
    pub fn decision(&self, risks: &RiskList) -> Decision {
        self.decision_override
            .unwrap_or(if self.origin_check(risks).divert() {
                Decision::Divert
            } else {
                Decision::Pass
            })
    }

    /// Validates the plate and builds the entry, or says what is wrong with the plate (in both
    /// languages, shown at draw time).
    pub fn to_entry(&self, risks: &RiskList) -> Result<NewVehicleEntry, Said> {
        let (plate, plate_kind) = if self.plate_other {
            let text = self.plate_text.trim();
            if text.is_empty() {
                return Err(crate::text::screens::vehicle_form::PLATE_NEEDED.into());
            }
            (text.to_uppercase(), RecordedPlateKind::Other)
        } else {
            let plate = Plate::parse(&self.plate_text)
                .map_err(|error| crate::text::Bilingual::said(&error))?;
            (
                plate.as_str().to_owned(),
                RecordedPlateKind::Ga36(plate.kind()),
            )
        };
        let cargo = self.cargo.trim();
        Ok(NewVehicleEntry {
            direction: self.direction,
            plate,
            plate_kind,
            vehicle_type: self.vehicle_type.to_owned(),
            origin: self.origin_check(risks).stored(),
            passengers: self.passengers,
            cargo: (!cargo.is_empty()).then(|| cargo.to_owned()),
            decision: self.decision(risks),
            ..NewVehicleEntry::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risks() -> RiskList {
        RiskList::from_json(r#"{"updated": "2026-11-20", "source": "test", "areas": [{"region": "深圳市", "level": "high", "note": ""}]}"#)
            .expect("valid list")
    }

    #[test]
    fn plate_is_normalised_and_typed() {
        let form = VehicleForm {
            plate_text: "粤b 1c2d3".into(),
            ..VehicleForm::default()
        };
        let entry = form.to_entry(&risks()).expect("valid plate");
        assert_eq!(entry.plate, "粤B1C2D3");
        assert_eq!(entry.decision, Decision::Pass);
    }

    #[test]
    fn wrong_plate_says_why() {
        let form = VehicleForm {
            plate_text: "粤I12345".into(),
            ..VehicleForm::default()
        };
        assert!(form.to_entry(&risks()).is_err());
    }

    #[test]
    fn risk_origin_is_diverted() {
        let form = VehicleForm {
            plate_text: "粤B12345".into(),
            origin: "深圳市".into(),
            ..VehicleForm::default()
        };
        assert!(form.origin_check(&risks()).divert());
        assert_eq!(
            form.to_entry(&risks()).expect("valid").decision,
            Decision::Divert
        );
    }

    #[test]
    fn a_truck_typed_shenzhen_any_way_is_diverted_and_stored_by_its_full_name() {
        for typed in ["深圳", "sz", "shenzhen", "深圳南山区"] {
            let form = VehicleForm {
                plate_text: "粤B12345".into(),
                vehicle_type: "truck",
                origin: typed.into(),
                ..VehicleForm::default()
            };
            let entry = form.to_entry(&risks()).expect("valid");
            assert_eq!(entry.decision, Decision::Divert, "{typed}");
            assert!(
                entry
                    .origin
                    .is_some_and(|origin| origin.starts_with("深圳市"))
            );
        }
    }

    #[test]
    fn other_plates_take_free_text() {
        let form = VehicleForm {
            plate_text: "临 A1234".into(),
            plate_other: true,
            ..VehicleForm::default()
        };
        let entry = form.to_entry(&risks()).expect("free text");
        assert_eq!(entry.plate_kind.as_str(), "other");
    }
}
