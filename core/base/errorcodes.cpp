#include "errorcodes.h"

namespace remise {

const QList<ErrorCodeInfo> &errorCodes()
{
    // The one place codes meet exit and HTTP statuses (docs/errors.md).
    static const QList<ErrorCodeInfo> table{
        {&errc::invalidJson, 1, 400},
        {&errc::invalidValue, 1, 400},
        {&errc::missingValue, 1, 400},
        {&errc::unknownField, 1, 400},
        {&errc::parameterInvalid, 1, 400},
        {&errc::notFound, 1, 404},
        {&errc::conflict, 1, 409},
        {&errc::usage, 2, 400},
        {&errc::io, 1, 500},
        {&errc::database, 1, 503},
        {&errc::databaseMissing, 1, 503},
        {&errc::schemaTooNew, 1, 503},
        {&errc::schemaOutdated, 1, 503},
        {&errc::limitReached, 1, 409},
        {&errc::missingKey, 1, 500},
        {&errc::invalidKey, 1, 500},
        {&errc::insecureKeyFile, 1, 500},
        {&errc::liveKeyRefused, 1, 500},
        {&errc::signatureMissing, 1, 400},
        {&errc::signatureMalformed, 1, 400},
        {&errc::signatureMismatch, 1, 400},
        {&errc::timestampOutsideTolerance, 1, 400},
        {&errc::invalidSessionId, 1, 400},
        {&errc::sessionNotFound, 1, 404},
        {&errc::sessionNotOpen, 1, 409},
        {&errc::sessionBusy, 1, 409},
        {&errc::livemodeMismatch, 1, 400},
        {&errc::unsupportedMode, 1, 400},
        {&errc::invalidSession, 1, 502},
        {&errc::updatesNotPermitted, 1, 409},
        {&errc::codeNotAccepted, 1, 422},
        {&errc::foreignDiscount, 1, 409},
        {&errc::noCampaigns, 1, 503},
        {&errc::interrupted, 1, 503},
        {&errc::stripeUnavailable, 1, 503},
        {&errc::stripeTimeout, 1, 503},
        {&errc::stripeError, 1, 502},
        {&errc::stripeAuthentication, 1, 502},
        {&errc::payloadTooLarge, 1, 413},
        {&errc::unsupportedMediaType, 1, 415},
        {&errc::rateLimited, 1, 429},
        {&errc::methodNotAllowed, 1, 405},
        {&errc::internal, 1, 500},
    };
    return table;
}

namespace {
const ErrorCodeInfo *find(const QString &code)
{
    for (const ErrorCodeInfo &info : errorCodes())
        if (*info.code == code)
            return &info;
    return nullptr;
}
} // namespace

int exitStatusFor(const QString &code)
{
    const ErrorCodeInfo *info = find(code);
    return info ? info->exitStatus : 1;
}

int httpStatusFor(const QString &code)
{
    const ErrorCodeInfo *info = find(code);
    return info ? info->httpStatus : 500;
}

bool isKnownErrorCode(const QString &code)
{
    return find(code) != nullptr;
}

} // namespace remise
