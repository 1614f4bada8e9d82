#pragma once

#include <QList>
#include <QString>

/// Every error code Remise reports, declared once, with the exit status the command line
/// returns for it and the HTTP status the service answers with (docs/errors.md lists them with
/// their meaning). An `Error::code` is always one of these; `tst_errorcodes` checks the table,
/// the constants and docs/errors.md agree.
namespace remise {

namespace errc {
// --- input ------------------------------------------------------------------------------------
inline const QString invalidJson = QStringLiteral("invalid_json");
inline const QString invalidValue = QStringLiteral("invalid_value");
inline const QString missingValue = QStringLiteral("missing_value");
inline const QString unknownField = QStringLiteral("unknown_field");
inline const QString parameterInvalid = QStringLiteral("parameter_invalid");
inline const QString notFound = QStringLiteral("not_found");
inline const QString conflict = QStringLiteral("conflict");
inline const QString usage = QStringLiteral("usage_error");
inline const QString io = QStringLiteral("io_error");
// --- the database -----------------------------------------------------------------------------
inline const QString database = QStringLiteral("database_error");
inline const QString databaseMissing = QStringLiteral("database_missing");
inline const QString schemaTooNew = QStringLiteral("schema_too_new");
inline const QString schemaOutdated = QStringLiteral("schema_outdated");
/// reserve(): a limit of the campaign named in Error::path has been reached meanwhile.
inline const QString limitReached = QStringLiteral("limit_reached");
// --- keys and webhook signatures --------------------------------------------------------------
inline const QString missingKey = QStringLiteral("missing_key");
inline const QString invalidKey = QStringLiteral("invalid_key");
inline const QString insecureKeyFile = QStringLiteral("insecure_key_file");
inline const QString liveKeyRefused = QStringLiteral("live_key_refused");
inline const QString signatureMissing = QStringLiteral("signature_missing");
inline const QString signatureMalformed = QStringLiteral("signature_malformed");
inline const QString signatureMismatch = QStringLiteral("signature_mismatch");
inline const QString timestampOutsideTolerance = QStringLiteral("timestamp_outside_tolerance");
// --- the update workflow ----------------------------------------------------------------------
inline const QString invalidSessionId = QStringLiteral("invalid_session_id");
inline const QString sessionNotFound = QStringLiteral("session_not_found");
inline const QString sessionNotOpen = QStringLiteral("session_not_open");
inline const QString sessionBusy = QStringLiteral("session_busy");
inline const QString livemodeMismatch = QStringLiteral("livemode_mismatch");
inline const QString unsupportedMode = QStringLiteral("unsupported_mode");
inline const QString invalidSession = QStringLiteral("invalid_session");
inline const QString updatesNotPermitted = QStringLiteral("updates_not_permitted");
inline const QString codeNotAccepted = QStringLiteral("code_not_accepted");
inline const QString foreignDiscount = QStringLiteral("foreign_discount");
inline const QString noCampaigns = QStringLiteral("no_campaigns");
inline const QString interrupted = QStringLiteral("interrupted");
// --- Stripe -----------------------------------------------------------------------------------
/// Stripe could not be reached, or answered 5xx, 429 or something unreadable, after retries.
inline const QString stripeUnavailable = QStringLiteral("stripe_unavailable");
/// No answer from Stripe within the timeout (the update may or may not have happened).
inline const QString stripeTimeout = QStringLiteral("stripe_timeout");
/// Stripe refused the request (4xx), or answered something the workflow did not expect.
inline const QString stripeError = QStringLiteral("stripe_error");
/// The key was refused by Stripe (401) or lacks a permission (403).
inline const QString stripeAuthentication = QStringLiteral("stripe_authentication");
// --- the service ------------------------------------------------------------------------------
inline const QString payloadTooLarge = QStringLiteral("payload_too_large");
inline const QString unsupportedMediaType = QStringLiteral("unsupported_media_type");
inline const QString rateLimited = QStringLiteral("rate_limited");
inline const QString methodNotAllowed = QStringLiteral("method_not_allowed");
inline const QString internal = QStringLiteral("internal_error");
} // namespace errc

/// One row of the table.
struct ErrorCodeInfo
{
    const QString *code;
    int exitStatus; ///< 1 for every failure, 2 for wrong usage only (docs/errors.md)
    int httpStatus;
};

/// The table, one row per code, in the order of docs/errors.md.
const QList<ErrorCodeInfo> &errorCodes();
/// The exit status for `code`: 2 for usage_error, 1 for every other (or unknown) code.
int exitStatusFor(const QString &code);
/// The HTTP status the service answers `code` with; 500 for an unknown code.
int httpStatusFor(const QString &code);
/// Whether `code` is declared in the table.
bool isKnownErrorCode(const QString &code);

} // namespace remise
