#pragma once

#include "result.h"

#include <QJsonObject>

namespace remise::api {

/// The service's error codes that do not come from the workflow (docs/operations.md lists
/// them all with their HTTP status).
namespace apierrc {
inline const QString invalidRequest = QStringLiteral("invalid_request");
inline const QString invalidSessionId = QStringLiteral("invalid_session_id");
inline const QString invalidCode = QStringLiteral("invalid_code");
inline const QString payloadTooLarge = QStringLiteral("payload_too_large");
inline const QString unsupportedMediaType = QStringLiteral("unsupported_media_type");
inline const QString lengthRequired = QStringLiteral("length_required");
inline const QString requestTimeout = QStringLiteral("request_timeout");
inline const QString headersTooLarge = QStringLiteral("headers_too_large");
inline const QString rateLimited = QStringLiteral("rate_limited");
inline const QString originNotAllowed = QStringLiteral("origin_not_allowed");
inline const QString methodNotAllowed = QStringLiteral("method_not_allowed");
inline const QString notFound = QStringLiteral("not_found");
inline const QString signatureInvalid = QStringLiteral("signature_invalid");
inline const QString webhooksDisabled = QStringLiteral("webhooks_not_configured");
inline const QString shuttingDown = QStringLiteral("shutting_down");
inline const QString internal = QStringLiteral("internal_error");
} // namespace apierrc

/// The HTTP status of an error code, in one place: codes of the workflow, the store and the
/// service alike. Unknown codes are 500.
int httpStatusFor(const QString &code);

/// The message a customer may see for `error`. Only messages written for customers pass
/// through (a refused code says why); everything else gets a fixed text per code, so internal
/// details (Stripe's messages, SQL, paths) never reach the browser.
QString customerMessage(const Error &error);

/// {"type": "error", "code": …, "message": …} (plus "param" for a field of the request).
QJsonObject errorBody(const Error &error);

} // namespace remise::api
