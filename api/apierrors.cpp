#include "apierrors.h"

#include "errorcodes.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

struct Entry
{
    int status;
    QString message;
};

const QHash<QString, Entry> &table()
{
    static const QHash<QString, Entry> t{
        // The request itself.
        {u"invalid_json"_s, {400, u"The request is not valid JSON."_s}},
        {apierrc::invalidRequest, {400, u"The request is not valid."_s}},
        {u"unknown_field"_s, {400, u"The request has a field this endpoint does not take."_s}},
        {u"missing_value"_s, {400, u"The request lacks a required field."_s}},
        {u"invalid_value"_s, {400, u"A field of the request has the wrong type or shape."_s}},
        {apierrc::invalidSessionId, {400, u"This is not a Checkout Session id."_s}},
        {apierrc::invalidCode, {400, u"This code is not valid."_s}},
        {apierrc::signatureInvalid, {400, u"The webhook signature is not valid."_s}},
        {apierrc::originNotAllowed, {403, u"This origin may not call this service."_s}},
        {apierrc::notFound, {404, u"There is nothing here."_s}},
        {apierrc::methodNotAllowed, {405, u"This method is not allowed here."_s}},
        {apierrc::requestTimeout, {408, u"The request took too long to arrive."_s}},
        {apierrc::lengthRequired, {411, u"The request must state its length."_s}},
        {apierrc::payloadTooLarge, {413, u"The request is too large."_s}},
        {apierrc::unsupportedMediaType, {415, u"The request must be JSON."_s}},
        {apierrc::headersTooLarge, {431, u"The request headers are too large."_s}},
        {apierrc::rateLimited, {429, u"Too many requests; please try again in a moment."_s}},
        // The workflow.
        {u"session_not_found"_s, {404, u"This checkout session does not exist."_s}},
        {u"session_not_open"_s, {409, u"This checkout session is no longer open."_s}},
        {u"livemode_mismatch"_s, {409, u"This checkout session cannot be updated here."_s}},
        {u"unsupported_mode"_s, {409, u"This checkout session cannot take a discount."_s}},
        {u"foreign_discount"_s, {409, u"This checkout session already has another discount."_s}},
        {u"session_busy"_s, {409, u"This checkout session is being updated; please try again."_s}},
        {u"code_not_accepted"_s, {422, u"This code is not valid."_s}},
        {u"limit_reached"_s, {409, u"This offer has just run out; please try again."_s}},
        {u"no_campaigns"_s, {503, u"Discounts are not available right now."_s}},
        {u"invalid_session"_s, {502, u"The payment service gave an unexpected answer."_s}},
        {u"stripe_error"_s, {502, u"The payment service could not apply the discount."_s}},
        {u"stripe_unavailable"_s,
         {503, u"The payment service is unavailable; please try again in a moment."_s}},
        {u"stripe_timeout"_s,
         {503, u"The payment service is unavailable; please try again in a moment."_s}},
        {u"stripe_authentication"_s, {502, u"The payment service could not apply the discount."_s}},
        {u"updates_not_permitted"_s, {409, u"This checkout session cannot take a discount."_s}},
        {u"interrupted"_s, {503, u"The service is restarting; please try again."_s}},
        {u"store_error"_s, {503, u"Discounts are not available right now."_s}},
        {u"database_error"_s, {503, u"Discounts are not available right now."_s}},
        {u"schema_outdated"_s, {503, u"Discounts are not available right now."_s}},
        {apierrc::webhooksDisabled, {503, u"Webhooks are not configured."_s}},
        {apierrc::shuttingDown, {503, u"The service is restarting; please try again."_s}},
        {apierrc::internal, {500, u"Something went wrong."_s}},
    };
    return t;
}

} // namespace

int httpStatusFor(const QString &code)
{
    // The codes of the core have their status in the core's one table; the service adds the
    // codes only it answers with (origins, timeouts, signatures, …).
    if (remise::isKnownErrorCode(code))
        return remise::httpStatusFor(code);
    const auto it = table().constFind(code);
    return it == table().cend() ? 500 : it->status;
}

QString customerMessage(const Error &error)
{
    // The workflow writes its refusals of a code for the customer ("This code has expired.").
    if (error.code == u"code_not_accepted" && !error.message.isEmpty() &&
        error.message.size() < 200 && !error.message.contains(u"cs_"_s))
        return error.message;
    const auto it = table().constFind(error.code);
    return it == table().cend() ? table().value(apierrc::internal).message : it->message;
}

QJsonObject errorBody(const Error &error)
{
    const bool known = table().contains(error.code);
    QJsonObject body{{u"type"_s, u"error"_s},
                     {u"code"_s, known ? error.code : apierrc::internal},
                     {u"message"_s, customerMessage(error)}};
    // The offending field of a request the service parsed itself (never a workflow path).
    if (known && httpStatusFor(error.code) == 400 && error.path.startsWith(u'$'))
        body.insert(u"param"_s, error.path.mid(2));
    // Why a code was refused, as a stable reason code ("ended", "budget_exhausted", …).
    if (error.code == u"code_not_accepted" && !error.path.isEmpty() && error.path.size() < 40)
        body.insert(u"reason"_s, error.path);
    return body;
}

} // namespace remise::api
