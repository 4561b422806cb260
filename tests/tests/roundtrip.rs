//! Round-trip properties of the committed crate (`generated/`), driven by the
//! real model: DescribePhoneNumbers (a paginated list of structures with
//! enums, maps, timestamps) and SendRcsMessage (nested unions in the request).
//! The fixtures' crates get the same properties from `cargo xtask fixtures`.

use tests::check_operation;
use tests::roundtrip::Model;

fn model() -> Model {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/pinpoint-sms-voice-v2/2022-03-31/service-2.json.gz");
    Model::parse(&codegen::source::read_text(std::path::Path::new(path)).unwrap())
}

#[test]
fn describe_phone_numbers_round_trips() {
    check_operation!(pinpoint_sms_voice_v2, &model(), DescribePhoneNumbers => DescribePhoneNumbersError {
        ThrottlingException = "ThrottlingException",
        AccessDeniedException = "AccessDeniedException",
        ResourceNotFoundException = "ResourceNotFoundException",
        ValidationException = "ValidationException",
        InternalServerException = "InternalServerException",
    });
}

#[test]
fn send_rcs_message_round_trips() {
    check_operation!(pinpoint_sms_voice_v2, &model(), SendRcsMessage => SendRcsMessageError {
        ServiceQuotaExceededException = "ServiceQuotaExceededException",
        ThrottlingException = "ThrottlingException",
        AccessDeniedException = "AccessDeniedException",
        ResourceNotFoundException = "ResourceNotFoundException",
        ValidationException = "ValidationException",
        ConflictException = "ConflictException",
        InternalServerException = "InternalServerException",
    });
}
